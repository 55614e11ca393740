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
use crate::diagnostics::{Code, Diagnostic};
use crate::render::RenderedFile;

pub mod cache;

use cache::SearchCache;

/// Where the index and its scripts are written.
pub const BUNDLE_FOLDER: &str = "pagefind";

/// The index files, and the URLs of the pages in it.
#[derive(Debug, Default, Clone)]
pub struct SearchIndex {
    pub files: Vec<RenderedFile>,
    pub pages: Vec<String>,
    /// What the index was built from (`cache::key`).
    pub key: String,
    /// Taken from the cache rather than built.
    pub reused: bool,
}

/// Indexes the content pages and the glossary among `files` (sorted by
/// path). A failure is one error naming the cause; it never stops the
/// rest of the build.
pub fn build_index(
    site: &Site,
    files: &[RenderedFile],
    cache: &SearchCache,
) -> Result<SearchIndex, Diagnostic> {
    let base_path = site.config.base_path();
    let mut urls: Vec<String> = site
        .page_ids()
        .map(|id| site.page(id).url.to_string())
        .collect();
    urls.extend(site.glossary_page().map(|url| url.to_string()));
    let pages: Vec<(String, Arc<[u8]>)> = urls
        .into_par_iter()
        .filter_map(|url| {
            let output = crate::content::UrlPath::new(url.clone()).output_file();
            let at = files
                .binary_search_by(|file| file.path.as_str().cmp(&output))
                .ok()?;
            let html = indexable_part(&String::from_utf8_lossy(&files[at].bytes));
            Some((format!("{base_path}{url}"), Arc::from(html.into_bytes())))
        })
        .collect();
    let language = &site.config.language;
    let key = cache::key(language, &pages);
    if let Some(files) = cache.get(&key) {
        let mut indexed: Vec<String> = pages.into_iter().map(|(url, _)| url).collect();
        indexed.sort();
        return Ok(SearchIndex {
            files,
            pages: indexed,
            key,
            reused: true,
        });
    }
    let runtime = crate::runtime::small_runtime().map_err(|error| failure(&error.to_string()))?;
    let mut index = runtime
        .block_on(index_pages(pages, language))
        .map_err(|error| failure(&format!("{error:#}")))?;
    index.key = key;
    Ok(index)
}

async fn index_pages(
    pages: Vec<(String, Arc<[u8]>)>,
    language: &str,
) -> anyhow::Result<SearchIndex> {
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
    let mut indexed = Vec::with_capacity(pages.len());
    for (url, html) in pages {
        let html = String::from_utf8_lossy(&html).into_owned();
        let added = index.add_html_file(None, Some(url), html).await?;
        indexed.push(added.page_url);
    }
    let mut files: Vec<RenderedFile> = index
        .get_files()
        .await?
        .into_iter()
        .filter_map(|file| {
            let name = file.filename.to_string_lossy().replace('\\', "/");
            is_needed(&name).then(|| RenderedFile {
                path: format!("{BUNDLE_FOLDER}/{name}"),
                bytes: Arc::from(file.contents),
            })
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    indexed.sort();
    Ok(SearchIndex {
        files,
        pages: indexed,
        key: String::new(),
        reused: false,
    })
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
