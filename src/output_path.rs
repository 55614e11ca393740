//! Paths in the output folder and the site URLs that name them. A site
//! URL (`/a/b/`, without the base path) is written to one file
//! (`a/b/index.html`, an `OutputPath`), and a URL written in a page is
//! read the way a browser reads it, relative to that page.
//!
//! Invariant: imports nothing from the crate; an `OutputPath` is relative
//! (no leading `/`) and uses `/`. Whether it is safe to write is
//! `content::paths`'s question, asked at load.

use std::fmt;

/// The file a site URL is written to, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutputPath(String);

impl OutputPath {
    /// `/a/b/` → `a/b/index.html`; `/css/site.css` → `css/site.css`; `/`
    /// → `index.html`. `site_path` is already percent-decoded.
    pub fn of_site_path(site_path: &str) -> Self {
        let trimmed = site_path.trim_start_matches('/');
        if trimmed.is_empty() || trimmed.ends_with('/') {
            Self(format!("{trimmed}index.html"))
        } else {
            Self(trimmed.to_string())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for OutputPath {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// The site URL of an output file: `a/b/index.html` → `/a/b/`.
pub fn url_of(output_path: &str) -> String {
    match output_path.strip_suffix("index.html") {
        Some(folder) => format!("/{folder}"),
        None => format!("/{output_path}"),
    }
}

/// The site path a relative URL written in the file at `from` (an output
/// path) leads to, with its query and fragment, resolved as a browser does
/// (`.` and `..`, never above the root) by the `url` crate. Characters a
/// URL may not hold come back percent-encoded; callers decode.
pub fn resolve_relative(from: &str, relative: &str) -> String {
    let Ok(page) = url::Url::parse("http://site.invalid/").and_then(|root| root.join(from)) else {
        return format!("/{relative}");
    };
    match page.join(relative) {
        Ok(joined) => joined[url::Position::BeforePath..].to_string(),
        Err(_) => format!("/{relative}"),
    }
}

/// Whether a URL starts with a scheme (`https:`, `mailto:`), so it is not
/// a path in this site.
pub fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_urls_like_a_browser() {
        assert_eq!(resolve_relative("a/b/index.html", "../c/"), "/a/c/");
        assert_eq!(resolve_relative("a/b/index.html", "x.png"), "/a/b/x.png");
        assert_eq!(resolve_relative("index.html", "../../x"), "/x");
        assert_eq!(resolve_relative("a/index.html", "x#top"), "/a/x#top");
        assert_eq!(
            resolve_relative("a/index.html", "caf%C3%A9"),
            "/a/caf%C3%A9"
        );
    }

    #[test]
    fn maps_urls_and_files() {
        assert_eq!(OutputPath::of_site_path("/a/b/").as_str(), "a/b/index.html");
        assert_eq!(OutputPath::of_site_path("/").as_str(), "index.html");
        assert_eq!(OutputPath::of_site_path("/css/a.css").as_str(), "css/a.css");
        assert_eq!(url_of("a/b/index.html"), "/a/b/");
        assert_eq!(url_of("css/site.css"), "/css/site.css");
    }

    #[test]
    fn knows_a_scheme() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@b.org"));
        assert!(!has_scheme("a/b.html"));
        assert!(!has_scheme(":x"));
    }
}
