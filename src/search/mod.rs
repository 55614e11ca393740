//! The search index: Pagefind, used as a library. After the check, every
//! content page's rendered HTML (and the glossary) is handed to
//! `PagefindIndex`; the index, fragment and filter files it returns are
//! written under `pagefind/`, with its search script and WebAssembly. The
//! search page (`/search/`) loads them only when a person searches.
//!
//! Invariant: only pages whose template marks `data-pagefind-body`
//! (content pages and the glossary) are indexed, each once: no listings,
//! filter pages, posters, editors' pages, redirects or the 404 page. The
//! files come from the rendered bytes only, and are the same for the same
//! input. Pagefind is async, so it runs on a small tokio runtime here.

use std::sync::Arc;

use rayon::prelude::*;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use crate::content::Site;
use crate::content::search_layout::{bundle_folders, search_languages};
use crate::diagnostics::{Code, Diagnostic};
use crate::rendered::RenderedFile;

pub mod cache;

use cache::SearchCache;

/// The index files, and the URLs of the pages in it.
#[derive(Debug, Default, Clone)]
pub struct SearchIndex {
    /// Every bundle's files, under `pagefind/`.
    pub files: Vec<RenderedFile>,
    pub pages: Vec<String>,
    /// Each bundle with what it was built from, for the cache.
    pub bundles: Vec<Bundle>,
}

impl SearchIndex {
    /// How many bundles came from the cache rather than Pagefind.
    pub fn reused(&self) -> usize {
        self.bundles
            .iter()
            .filter(|bundle| bundle.from_cache)
            .count()
    }
}

/// One Pagefind bundle: its folder, the key of its pages, and its files.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub folder: String,
    pub key: String,
    pub files: Vec<RenderedFile>,
    /// Taken from the cache (so it need not be stored again).
    pub from_cache: bool,
}

/// Which bundle a page goes in: a stable hash of its URL (FNV-1a), so an
/// edit changes one bundle only.
fn bundle_of(url: &str, bundles: usize) -> usize {
    let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    usize::try_from(hash % bundles as u64).unwrap_or(0)
}

type PageHtml = (String, Arc<[u8]>);

/// Indexes the content pages and the glossary among `files` (sorted by
/// path). A failure is one error naming the cause; it never stops the
/// rest of the build.
pub fn build_index(
    site: &Site,
    files: &[RenderedFile],
    cache: &SearchCache,
) -> Result<SearchIndex, Diagnostic> {
    let mut indexed = Vec::new();
    let mut bundles: Vec<Option<Bundle>> = Vec::new();
    let mut to_build = Vec::new();
    for language in search_languages(site) {
        let pages = language_pages(site, files, language);
        indexed.extend(pages.iter().map(|(url, _)| url.clone()));
        let folders = bundle_folders(site, language);
        let mut split: Vec<Vec<PageHtml>> = vec![Vec::new(); folders.len()];
        for page in pages {
            split[bundle_of(&page.0, folders.len())].push(page);
        }
        let tag = language.unwrap_or(&site.config.language);
        for (folder, pages) in folders.into_iter().zip(split) {
            let key = cache::key(tag, &folder, &pages);
            match cache.get(&folder, &key) {
                Some(files) => bundles.push(Some(Bundle {
                    folder,
                    key,
                    files,
                    from_cache: true,
                })),
                None => {
                    to_build.push(BundleJob {
                        at: bundles.len(),
                        folder,
                        key,
                        pages,
                        language: tag.to_string(),
                    });
                    bundles.push(None);
                }
            }
        }
    }
    indexed.sort();
    for (at, bundle) in build_bundles(to_build)? {
        bundles[at] = Some(bundle);
    }
    let bundles: Vec<Bundle> = bundles.into_iter().flatten().collect();
    let mut files: Vec<RenderedFile> = bundles.iter().flat_map(|b| b.files.clone()).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(SearchIndex {
        files,
        pages: indexed,
        bundles,
    })
}

/// A bundle to index: its place among the bundles, folder, cache key,
/// pages, and the language tag that picks Pagefind's stemmer.
struct BundleJob {
    at: usize,
    folder: String,
    key: String,
    pages: Vec<PageHtml>,
    language: String,
}

/// The rendered pages in `language` (`None`: the site's own, with the
/// glossary), as Pagefind is given them.
fn language_pages(site: &Site, files: &[RenderedFile], language: Option<&str>) -> Vec<PageHtml> {
    let base_path = site.config.base_path();
    let mut urls: Vec<String> = site
        .pages
        .iter()
        .filter(|page| page.language.as_deref() == language)
        .map(|page| page.url.to_string())
        .collect();
    if language.is_none() {
        urls.extend(site.glossary_page().map(|url| url.to_string()));
    }
    urls.into_par_iter()
        .filter_map(|url| {
            let output = crate::content::UrlPath::new(url.clone()).output_file();
            let at = files
                .binary_search_by(|file| file.path.as_str().cmp(&output))
                .ok()?;
            let html = indexable_part(&String::from_utf8_lossy(&files[at].bytes));
            Some((format!("{base_path}{url}"), Arc::from(html.into_bytes())))
        })
        .collect()
}

/// Builds bundles side by side, on as many threads as there are cores
/// (plain threads: Pagefind uses rayon inside, so rayon's own threads must
/// stay free). Returns each with the position it was given.
fn build_bundles(jobs: Vec<BundleJob>) -> Result<Vec<(usize, Bundle)>, Diagnostic> {
    if jobs.is_empty() {
        return Ok(Vec::new());
    }
    let runtime = crate::runtime::small_runtime().map_err(|error| failure(&error.to_string()))?;
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(jobs.len());
    let queue = std::sync::Mutex::new(jobs);
    let next = || queue.lock().ok().and_then(|mut jobs| jobs.pop());
    let results: Vec<Result<Vec<(usize, Bundle)>, Diagnostic>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut built = Vec::new();
                    while let Some(job) = next() {
                        let files = runtime
                            .block_on(index_pages(job.pages, &job.language, &job.folder))
                            .map_err(|error| failure(&format!("{error:#}")))?;
                        built.push((
                            job.at,
                            Bundle {
                                folder: job.folder,
                                key: job.key,
                                files,
                                from_cache: false,
                            },
                        ));
                    }
                    Ok(built)
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|_| Err(failure("an indexing thread stopped unexpectedly")))
            })
            .collect()
    });
    let mut built = Vec::new();
    for result in results {
        built.extend(result?);
    }
    Ok(built)
}

/// One bundle's files, under `folder`.
async fn index_pages(
    pages: Vec<PageHtml>,
    language: &str,
    folder: &str,
) -> anyhow::Result<Vec<RenderedFile>> {
    // The language's first part ("en" of "en-GB") picks Pagefind's stemmer.
    let language = language
        .split('-')
        .next()
        .unwrap_or("en")
        .to_ascii_lowercase();
    let config = PagefindServiceConfig::builder()
        .force_language(language)
        .build();
    let mut index = PagefindIndex::new(Some(config))?;
    for (url, html) in pages {
        let html = String::from_utf8_lossy(&html).into_owned();
        index.add_html_file(None, Some(url), html).await?;
    }
    let mut files: Vec<RenderedFile> = index
        .get_files()
        .await?
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            is_needed(&name).then(|| RenderedFile {
                path: format!("{folder}/{name}"),
                bytes: Arc::from(file.contents),
            })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What Pagefind needs of a page: the element marked
/// `data-pagefind-body` when it is the page's `<main>` (as in the default
/// templates), or else the whole page. Header, navigation and footer are
/// never indexed, so parsing only `<main>` halves Pagefind's work.
fn indexable_part(html: &str) -> String {
    let main = html.find("<main").and_then(|start| {
        let end = html[start..].rfind("</main>")? + start + "</main>".len();
        let opening = &html[start..start + html[start..].find('>')?];
        opening
            .contains("data-pagefind-body")
            .then(|| &html[start..end])
    });
    match main {
        Some(main) => format!("<html><body>{main}</body></html>"),
        None => html.to_string(),
    }
}

/// The search page has its own interface: Pagefind's ready-made ones
/// (about 400 kB) are left out.
fn is_needed(name: &str) -> bool {
    !(name.contains("-ui.")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground"))
}

pub(crate) fn failure(cause: &str) -> Diagnostic {
    Diagnostic::global(
        Code::SearchIndexFailed,
        format!("the search index could not be built: {cause}"),
    )
    .with_help("this is a problem in reportsite or Pagefind, not in the content; please report it")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_spread_over_bundles_by_a_stable_hash() {
        assert_eq!(bundle_of("/a/", 1), 0);
        let spread: std::collections::BTreeSet<usize> = (0..100)
            .map(|n| bundle_of(&format!("/guides/g{n}/"), 4))
            .collect();
        assert_eq!(spread.len(), 4, "pages spread over every bundle");
        assert_eq!(bundle_of("/guides/g5/", 4), bundle_of("/guides/g5/", 4));
    }

    #[test]
    fn only_main_is_handed_to_pagefind_when_it_carries_the_body_mark() {
        let page = "<html><head><title>T</title></head><body><nav>menu</nav><main id=\"m\" data-pagefind-body><h1>Hi</h1></main><footer>f</footer></body></html>";
        assert_eq!(
            indexable_part(page),
            "<html><body><main id=\"m\" data-pagefind-body><h1>Hi</h1></main></body></html>"
        );
        let unmarked = "<html><body><main><h1>Hi</h1></main></body></html>";
        assert_eq!(indexable_part(unmarked), unmarked);
    }
}
