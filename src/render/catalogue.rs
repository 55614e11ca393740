//! The catalogue listings: the section page of `resources/` and `videos/`,
//! an A–Z page, and a pre-rendered page for every filter, each through
//! `list.html` with the entries, the facets with counts and the filters in
//! force. Entries carry their facet values as data for the filter script.
//!
//! Invariant: a listing's links only name pages that exist (facet values
//! come from the catalogue, which leaves out empty ones).

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::context::{LinkContext, SiteContext};
use super::generated::GeneratedPage;
use super::kinds::{breadcrumbs, card_on};
use super::paging::{PaginationContext, paged_title};
use super::{RenderInput, RenderedFile};
use crate::content::catalogue::{Catalogue, FacetKind, FacetValue, FilterPage, facet_values};
use crate::content::{PageId, Site};
use crate::diagnostics::Diagnostic;
use crate::language::LanguageNames;

#[derive(Serialize)]
pub struct EntryContext {
    #[serde(flatten)]
    pub card: super::context::CardContext,
    /// Space-separated slugs per facet, for `data-` attributes.
    pub audience: String,
    pub topic: String,
    pub format: String,
    pub priority: String,
    pub language: String,
    pub published: String,
}

#[derive(Serialize)]
pub struct FacetValueContext {
    pub slug: String,
    pub label: String,
    pub url: String,
    pub count: usize,
    pub current: bool,
    /// For a language: its tag, for `lang` on its own name.
    pub lang: Option<String>,
    /// For a language: its name in itself (`Polski`), and in English when
    /// that differs (`Polish`).
    pub own_name: Option<String>,
    pub english_name: Option<String>,
}

impl FacetValueContext {
    fn new(kind: FacetKind, value: &FacetValue, url: String, count: usize, current: bool) -> Self {
        let names = (kind == FacetKind::Language).then(|| LanguageNames::of(&value.slug));
        let own_name = names.as_ref().and_then(|names| names.own.clone());
        let english_name = names
            .and_then(|names| names.english)
            .filter(|english| Some(english) != own_name.as_ref());
        Self {
            slug: value.slug.clone(),
            label: value.label.clone(),
            url,
            count,
            current,
            lang: own_name.is_some().then(|| value.slug.clone()),
            own_name,
            english_name,
        }
    }
}

#[derive(Serialize)]
pub struct FacetContext {
    pub key: &'static str,
    pub label: &'static str,
    pub values: Vec<FacetValueContext>,
}

#[derive(Serialize)]
pub struct CatalogueContext {
    pub name: String,
    pub title: String,
    pub url: String,
    pub entries: Vec<EntryContext>,
    pub count: usize,
    pub total: usize,
    pub facets: Vec<FacetContext>,
    /// The filters in force, each with the way back to all entries.
    pub filters: Vec<LinkContext>,
    pub sort: &'static str,
    pub newest_url: String,
    pub a_to_z_url: String,
    /// Every entry is on this page and none is filtered out: the filter
    /// script works on the page alone.
    pub complete: bool,
    /// On the unfiltered lists: where the filter script finds every entry,
    /// to filter the whole catalogue from any page of the list.
    pub entries_index: Option<String>,
    /// "result"/"results" by CLDR category in the catalogue's language, as
    /// JSON, for the filter script to say its own count rightly ("1 result").
    pub results_forms: String,
}

/// The context of a catalogue's section page: the first page of all its
/// entries, newest first.
pub fn section_context(site: &Site, catalogue: &Catalogue) -> CatalogueContext {
    let all = all_entries(site, catalogue);
    listing(
        site,
        catalogue,
        &ListingPage::new(&all, ListingSort::Newest, 1),
    )
}

/// Every entry of a catalogue, unfiltered, as a list at its section's
/// address.
fn all_entries(site: &Site, catalogue: &Catalogue) -> FilterPage {
    FilterPage {
        url: site.page(catalogue.section).url.clone(),
        filters: Vec::new(),
        members: catalogue.entries.clone(),
    }
}

/// The order of a catalogue's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListingSort {
    Newest,
    AToZ,
}

impl ListingSort {
    /// As templates and the filter script know it (`data-sort`).
    fn key(self) -> &'static str {
        match self {
            ListingSort::Newest => "newest",
            ListingSort::AToZ => "a-z",
        }
    }
}

/// One page of one of a catalogue's lists.
struct ListingPage<'l> {
    list: &'l FilterPage,
    sort: ListingSort,
    number: usize,
}

impl<'l> ListingPage<'l> {
    fn new(list: &'l FilterPage, sort: ListingSort, number: usize) -> Self {
        Self { list, sort, number }
    }
}

/// The A–Z page and every filter page of every catalogue.
pub fn render_listings(
    input: &RenderInput<'_>,
    site_contexts: &super::SiteContexts,
) -> (Vec<RenderedFile>, Vec<Diagnostic>) {
    let site = input.site;
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for catalogue in &site.catalogues {
        let site_context = site_contexts.for_page(site.page(catalogue.section));
        let a_to_z = FilterPage {
            url: catalogue.a_to_z_url(site),
            filters: Vec::new(),
            members: catalogue.by_title(site),
        };
        let all = all_entries(site, catalogue);
        // Each list and the first of its pages rendered here: the section
        // page is the first page of every entry, rendered as a page.
        let lists: Vec<(&FilterPage, ListingSort, usize)> = [
            (&all, ListingSort::Newest, 2),
            (&a_to_z, ListingSort::AToZ, 1),
        ]
        .into_iter()
        .chain(
            catalogue
                .filter_pages
                .iter()
                .map(|page| (page, ListingSort::Newest, 1)),
        )
        .collect();
        let pages: Vec<ListingPage<'_>> = lists
            .into_iter()
            .flat_map(|(list, sort, first)| {
                let paging = site.paging(&list.url, list.members.len());
                (first..=paging.page_count())
                    .map(move |number| ListingPage::new(list, sort, number))
            })
            .collect();
        let results: Vec<Result<RenderedFile, Diagnostic>> = pages
            .into_par_iter()
            .map(|page| render_listing(input, site_context, catalogue, &page))
            .collect();
        let (rendered, failed) = super::split_results(results);
        files.extend(rendered);
        failures.extend(failed);
    }
    (files, failures)
}

fn render_listing(
    input: &RenderInput<'_>,
    site_context: &SiteContext,
    catalogue: &Catalogue,
    listing_page: &ListingPage<'_>,
) -> Result<RenderedFile, Diagnostic> {
    let site = input.site;
    let page = listing_page.list;
    let section = site.page(catalogue.section);
    let language = site.language_of(catalogue.section);
    let context = listing(site, catalogue, listing_page);
    let paging = site.paging(&page.url, page.members.len());
    let pagination = PaginationContext::of(&paging, listing_page.number, site.config.base_path());
    let words = |key, values: &[(&str, &str)]| site.strings.text(language, key, values);
    let title = match (listing_page.sort, page.filters.as_slice()) {
        (ListingSort::AToZ, _) => words("catalogue_from_a_to_z", &[("catalogue", &section.title)]),
        (ListingSort::Newest, []) => section.title.clone(),
        (_, [(FacetKind::Language, slug)]) => words(
            "catalogue_in_language",
            &[
                ("catalogue", &section.title),
                (
                    "language",
                    &value_label(catalogue, FacetKind::Language, slug),
                ),
            ],
        ),
        _ => format!(
            "{}: {}",
            section.title,
            context
                .filters
                .iter()
                .map(|f| f.label.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let title = paged_title(&site.strings, language, title, pagination.as_ref());
    let mut trail = breadcrumbs(site, catalogue.section);
    trail.push(LinkContext {
        label: section.title.clone(),
        url: context.url.clone(),
    });
    let summary = words(
        "listing_summary",
        &[
            ("count", &page.members.len().to_string()),
            ("total", &context.total.to_string()),
            ("catalogue", &section.title.to_lowercase()),
        ],
    );
    let generated = GeneratedPage {
        url: paging.url(listing_page.number),
        title,
        summary: Some(summary),
        kind: "listing",
        breadcrumbs: trail,
    };
    generated.render(
        input,
        site_context,
        "list.html",
        minijinja::context! { catalogue => context, pagination => pagination },
    )
}

fn listing(site: &Site, catalogue: &Catalogue, listing_page: &ListingPage<'_>) -> CatalogueContext {
    let ListingPage { list, sort, number } = *listing_page;
    let (members, filters) = (&list.members, list.filters.as_slice());
    let paging = site.paging(&list.url, members.len());
    let base_path = site.config.base_path();
    let section = site.page(catalogue.section);
    let section_url = format!("{base_path}{}", section.url);
    let facets = catalogue
        .facets
        .iter()
        .filter(|facet| !facet.values.is_empty())
        .map(|facet| FacetContext {
            key: facet.kind.key(),
            label: facet.kind.label(),
            values: facet
                .values
                .iter()
                .map(|value| {
                    let target = value_page(catalogue, filters, facet.kind, &value.slug);
                    FacetValueContext::new(
                        facet.kind,
                        value,
                        format!(
                            "{base_path}{}",
                            target.map_or("/", |page| page.url.as_str())
                        ),
                        target.map_or(value.members.len(), |page| page.members.len()),
                        filters
                            .iter()
                            .any(|(kind, slug)| *kind == facet.kind && slug == &value.slug),
                    )
                })
                .collect(),
        })
        .collect();
    let filter_links = filters
        .iter()
        .map(|(kind, slug)| LinkContext {
            label: value_label(catalogue, *kind, slug),
            url: section_url.clone(),
        })
        .collect();
    CatalogueContext {
        name: catalogue.name.clone(),
        title: section.title.clone(),
        url: section_url.clone(),
        entries: paging
            .slice(members, number)
            .iter()
            .map(|&id| entry(site, id, catalogue.section))
            .collect(),
        count: members.len(),
        total: catalogue.entries.len(),
        facets,
        filters: filter_links,
        sort: sort.key(),
        newest_url: section_url,
        a_to_z_url: format!("{base_path}{}", catalogue.a_to_z_url(site)),
        complete: filters.is_empty() && paging.page_count() == 1,
        results_forms: serde_json::to_string(
            &site
                .strings
                .forms(site.language_of(catalogue.section), "results_word"),
        )
        .unwrap_or_default(),
        entries_index: filters
            .is_empty()
            .then(|| format!("{base_path}{}", catalogue.entries_index_path(site))),
    }
}

/// The page a facet value links to from the current listing: the
/// audience × topic page when the listing is filtered by one of the two
/// and that page exists, otherwise the value's own page.
fn value_page<'c>(
    catalogue: &'c Catalogue,
    filters: &[(FacetKind, String)],
    kind: FacetKind,
    slug: &str,
) -> Option<&'c FilterPage> {
    let find = |wanted: &[(FacetKind, &str)]| {
        catalogue.filter_pages.iter().find(|page| {
            page.filters.len() == wanted.len()
                && page
                    .filters
                    .iter()
                    .zip(wanted)
                    .all(|((k, s), (wk, ws))| k == wk && s == ws)
        })
    };
    let pair = match (filters, kind) {
        ([(FacetKind::Audience, audience)], FacetKind::Topic) => {
            find(&[(FacetKind::Audience, audience), (FacetKind::Topic, slug)])
        }
        ([(FacetKind::Topic, topic)], FacetKind::Audience) => {
            find(&[(FacetKind::Audience, slug), (FacetKind::Topic, topic)])
        }
        _ => None,
    };
    pair.or_else(|| find(&[(kind, slug)]))
}

fn value_label(catalogue: &Catalogue, kind: FacetKind, slug: &str) -> String {
    catalogue
        .facets
        .iter()
        .filter(|facet| facet.kind == kind)
        .flat_map(|facet| facet.values.iter())
        .find(|value| value.slug == slug)
        .map_or_else(|| slug.to_string(), |value| value.label.clone())
}

/// One entry of a listing shown on `section`'s pages.
fn entry(site: &Site, id: PageId, section: PageId) -> EntryContext {
    let joined = |kind| facet_values(site, id, kind).join(" ");
    EntryContext {
        card: card_on(site, id, section),
        audience: joined(FacetKind::Audience),
        topic: joined(FacetKind::Topic),
        format: joined(FacetKind::Format),
        priority: joined(FacetKind::Priority),
        language: joined(FacetKind::Language),
        published: site
            .page(id)
            .catalogue_fields()
            .map(|f| f.published.to_string())
            .unwrap_or_default(),
    }
}

/// One entry in a catalogue's `entries.json`: what its card shows and its
/// facet values, so the filter script can show any entry on any page.
#[derive(Serialize)]
struct IndexEntry {
    url: String,
    title: String,
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    meta: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    /// Space-separated slugs by facet key (`audience`), as the cards'
    /// `data-` attributes have them.
    facets: BTreeMap<&'static str, String>,
}

/// The entries of a catalogue, newest first, and their order from A to Z.
#[derive(Serialize)]
struct EntriesIndex {
    entries: Vec<IndexEntry>,
    a_to_z: Vec<usize>,
}

/// Each catalogue's `entries.json`, for the filter script on its lists.
pub fn render_entries_indexes(site: &Site) -> Vec<RenderedFile> {
    site.catalogues
        .iter()
        .map(|catalogue| {
            let entries = catalogue
                .entries
                .iter()
                .map(|&id| index_entry(site, id, catalogue.section))
                .collect();
            let position: std::collections::HashMap<PageId, usize> = catalogue
                .entries
                .iter()
                .enumerate()
                .map(|(at, &id)| (id, at))
                .collect();
            let a_to_z: Vec<usize> = catalogue
                .by_title(site)
                .iter()
                .filter_map(|id| position.get(id).copied())
                .collect();
            let index = EntriesIndex { entries, a_to_z };
            let json = serde_json::to_string(&index).unwrap_or_default();
            RenderedFile {
                path: catalogue
                    .entries_index_path(site)
                    .trim_start_matches('/')
                    .to_string(),
                bytes: json.into_bytes().into(),
            }
        })
        .collect()
}

fn index_entry(site: &Site, id: PageId, section: PageId) -> IndexEntry {
    let card = card_on(site, id, section);
    let facets = FacetKind::ALL
        .into_iter()
        .map(|kind| (kind.key(), facet_values(site, id, kind).join(" ")))
        .filter(|(_, values)| !values.is_empty())
        .collect();
    IndexEntry {
        url: card.url,
        title: card.title,
        kind: card.kind,
        meta: card.meta,
        summary: card.summary,
        lang: card.lang,
        facets,
    }
}

#[derive(Serialize)]
pub struct FacetLinks {
    pub catalogue: String,
    pub title: String,
    pub links: Vec<FacetValueContext>,
}

/// For the home page: each catalogue's audiences, each linking to its
/// filter page, so a reader is two clicks from anything meant for them.
pub fn audience_links(site: &Site, language: Option<&str>) -> Vec<FacetLinks> {
    facet_links(site, FacetKind::Audience, language)
}

/// For the home page: the languages other than the site's that each
/// catalogue has entries in, each linking to its page.
pub fn language_links(site: &Site, language: Option<&str>) -> Vec<FacetLinks> {
    facet_links(site, FacetKind::Language, language)
        .into_iter()
        .filter(|group| !group.links.is_empty())
        .collect()
}

/// For a translated home page: the site's own catalogues' entries in its
/// language (a leaflet with a Polish version, on the Polish home page).
pub fn links_in_language(site: &Site, language: &str) -> Vec<FacetLinks> {
    let wanted = crate::language::primary_subtag(language);
    let mut groups = language_links(site, None);
    for group in &mut groups {
        group.links.retain(|link| link.slug == wanted);
        group.title = catalogue_title_in(site, &group.catalogue, language);
    }
    groups.retain(|group| !group.links.is_empty());
    groups
}

/// Each catalogue in `language`'s (`None`: the site's own) values of a
/// facet.
fn facet_links(site: &Site, kind: FacetKind, language: Option<&str>) -> Vec<FacetLinks> {
    let base_path = site.config.base_path();
    site.catalogues
        .iter()
        .filter(|catalogue| catalogue.language.as_deref() == language)
        .map(|catalogue| {
            let links = catalogue
                .facets
                .iter()
                .filter(|facet| facet.kind == kind)
                .flat_map(|facet| facet.values.iter())
                .filter_map(|value| {
                    let page = value_page(catalogue, &[], kind, &value.slug)?;
                    let url = format!("{base_path}{}", page.url);
                    Some(FacetValueContext::new(
                        kind,
                        value,
                        url,
                        page.members.len(),
                        false,
                    ))
                })
                .collect();
            FacetLinks {
                catalogue: catalogue.name.clone(),
                title: site.page(catalogue.section).title.clone(),
                links,
            }
        })
        .collect()
}

/// A catalogue's name in `language`: its translated section's title, else
/// the interface string for it ("Materiały"), never the English title on a
/// page in another language.
fn catalogue_title_in(site: &Site, name: &str, language: &str) -> String {
    let translated = site.catalogues.iter().find(|catalogue| {
        catalogue.name == name && catalogue.language.as_deref() == Some(language)
    });
    match translated {
        Some(catalogue) => site.page(catalogue.section).title.clone(),
        None => site.strings.text(language, &format!("tagged_{name}"), &[]),
    }
}
