//! Path newtypes that must not mix: `ContentPath` (a file under `content/`)
//! and `UrlPath` (a site-root URL path), and the mapping between them.
//!
//! Invariant: a `ContentPath` uses `/`, has no `.` or `..` segments and no
//! leading `/`; a page's `UrlPath` starts and ends with `/` and never
//! includes the base URL's path (that is added when rendering).

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContentPath(String);

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct UrlPath(String);

impl ContentPath {
    pub fn new(path: impl Into<String>) -> Self {
        Self(path.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn file_name(&self) -> &str {
        self.0.rsplit_once('/').map_or(&self.0, |(_, name)| name)
    }

    /// The file name without `.md`.
    pub fn stem(&self) -> &str {
        self.file_name().trim_end_matches(".md")
    }

    /// The folder holding the file: for a bundle's `index.md`, the bundle
    /// folder. Relative links and file paths in front matter start here.
    pub fn folder(&self) -> &str {
        self.0.rsplit_once('/').map_or("", |(folder, _)| folder)
    }

    pub fn is_section_index(&self) -> bool {
        self.file_name() == "_index.md"
    }

    /// `content/a/b.md` → `/a/b/`; `a/_index.md` and `a/index.md` → `/a/`.
    /// `slug` replaces the last segment.
    pub fn to_url(&self, slug: Option<&str>) -> UrlPath {
        let mut segments: Vec<&str> = self.0.split('/').collect();
        let file = segments.pop().unwrap_or_default();
        if file != "_index.md" && file != "index.md" {
            segments.push(file.trim_end_matches(".md"));
        }
        if let (Some(slug), Some(last)) = (slug, segments.last_mut()) {
            *last = slug;
        }
        let joined = segments.join("/");
        if joined.is_empty() {
            UrlPath::new("/")
        } else {
            UrlPath::new(format!("/{joined}/"))
        }
    }
}

impl fmt::Display for ContentPath {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl UrlPath {
    pub fn new(path: impl Into<String>) -> Self {
        Self(path.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The file this URL is written to: `/a/b/` → `a/b/index.html`.
    pub fn output_file(&self) -> String {
        let trimmed = self.0.trim_start_matches('/');
        if trimmed.is_empty() || trimmed.ends_with('/') {
            format!("{trimmed}index.html")
        } else {
            trimmed.to_string()
        }
    }
}

impl fmt::Display for UrlPath {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// Joins a relative path onto a folder and normalises `.` and `..`.
/// `None` when the result would climb above the root.
pub fn join_relative(folder: &str, relative: &str) -> Option<String> {
    let mut segments: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    for segment in relative.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            other => segments.push(other),
        }
    }
    Some(segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_content_paths_to_urls() {
        let url = |path: &str| ContentPath::new(path).to_url(None).to_string();
        assert_eq!(url("_index.md"), "/");
        assert_eq!(url("a/b.md"), "/a/b/");
        assert_eq!(url("a/_index.md"), "/a/");
        assert_eq!(
            url("resources/icon-leaflet/index.md"),
            "/resources/icon-leaflet/"
        );
        assert_eq!(
            ContentPath::new("news/x.md").to_url(Some("y")).to_string(),
            "/news/y/"
        );
    }

    #[test]
    fn output_files() {
        assert_eq!(UrlPath::new("/").output_file(), "index.html");
        assert_eq!(UrlPath::new("/a/b/").output_file(), "a/b/index.html");
        assert_eq!(UrlPath::new("/old.html").output_file(), "old.html");
    }

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join_relative("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join_relative("a", "./x/y.md").as_deref(), Some("a/x/y.md"));
        assert_eq!(join_relative("a", "../../x.md"), None);
    }
}
