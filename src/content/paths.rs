//! Path newtypes that must not mix: `ContentPath` (a file under `content/`)
//! and `UrlPath` (a site-root URL path), and the mapping between them.
//!
//! Invariant: a `ContentPath` uses `/`, has no `.` or `..` segments and no
//! leading `/`; a page's `UrlPath` starts and ends with `/` and never
//! includes the base URL's path (that is added when rendering).
//!
//! The URL rule: a page's address is made from its folder and file names,
//! each turned into a slug as Zola does (`Annual Report.md` → `annual-report`,
//! `Café.md` → `cafe`: lower case, ASCII letters and digits joined by `-`);
//! a name already made of `a`–`z`, `0`–`9`, `-`, `_` and `.` is kept as it
//! is. Every address that becomes an output file passes `site_path_problem`
//! in `load/cross_checks.rs` before anything is written.

use std::borrow::Cow;
use std::fmt;

use crate::output_path::OutputPath;

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

    /// A translation's original and its language suffix: `a/about.cy.md`
    /// → (`a/about.md`, `cy`); `_index.cy.md` → (`_index.md`, `cy`).
    /// `None` when the file name has no second dot. Whether the suffix is
    /// a language the site declares is the caller's question.
    pub fn language_suffix(&self) -> Option<(ContentPath, &str)> {
        let (stem, suffix) = self.stem().rsplit_once('.')?;
        if stem.is_empty() || suffix.is_empty() {
            return None;
        }
        let folder = self.folder();
        let original = match folder {
            "" => format!("{stem}.md"),
            _ => format!("{folder}/{stem}.md"),
        };
        Some((ContentPath::new(original), suffix))
    }

    /// `content/a/b.md` → `/a/b/`; `a/_index.md` and `a/index.md` → `/a/`.
    /// `slug` replaces the last segment.
    pub fn to_url(&self, slug: Option<&str>) -> UrlPath {
        let mut names: Vec<&str> = self.0.split('/').collect();
        let file = names.pop().unwrap_or_default();
        if file != "_index.md" && file != "index.md" {
            names.push(file.trim_end_matches(".md"));
        }
        let mut segments: Vec<Cow<'_, str>> = names.into_iter().map(url_segment).collect();
        if let (Some(slug), Some(last)) = (slug, segments.last_mut()) {
            *last = Cow::Borrowed(slug);
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
        OutputPath::of_site_path(&self.0).into_string()
    }
}

impl fmt::Display for UrlPath {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// A folder or file name as it appears in a page's address (see the URL
/// rule above).
pub fn url_segment(name: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c);
    if !name.is_empty() && name.chars().all(plain) && !name.starts_with('.') {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(slug::slugify(name))
    }
}

/// Files the build writes itself, whatever the site holds: no page, alias
/// or redirect may take their place.
pub const RESERVED_OUTPUT_FILES: [&str; 3] = ["_redirects", "404.html", ".reportsite-manifest"];
/// Folders the build fills itself.
pub const RESERVED_OUTPUT_FOLDERS: [&str; 1] = ["pagefind/"];

/// Why a site-root address (a page's, an alias, a redirect's old address)
/// cannot become a file of the output, if it cannot: it must start with
/// `/`, have no `?`, `#`, spaces, control characters or characters a web
/// server or the `_redirects` file would read differently, no empty, `.`
/// or `..` segment, and not name a file the build writes itself.
pub fn site_path_problem(path: &str) -> Option<String> {
    const AWKWARD: &str = "?#\\\"<>^`{|}%";
    let shown = path.escape_debug();
    if !path.starts_with('/') {
        return Some(format!(
            "'{shown}' does not start with / (an address from the site root)"
        ));
    }
    if let Some(bad) = path
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || AWKWARD.contains(*c))
    {
        let what = if bad.is_whitespace() || bad.is_control() {
            "a space or control character".to_string()
        } else {
            format!("'{bad}'")
        };
        return Some(format!(
            "'{shown}' has {what}, which an address cannot hold"
        ));
    }
    let inner = path[1..].strip_suffix('/').unwrap_or(&path[1..]);
    if !inner.is_empty()
        && inner
            .split('/')
            .any(|segment| matches!(segment, "" | "." | ".."))
    {
        return Some(format!("'{shown}' has an empty, '.' or '..' part"));
    }
    let file = UrlPath::new(path).output_file();
    let reserved = RESERVED_OUTPUT_FILES.contains(&file.as_str())
        || RESERVED_OUTPUT_FOLDERS
            .iter()
            .any(|folder| file.starts_with(folder));
    reserved.then(|| format!("'{shown}' is where the build writes its own {file}"))
}

/// Why a `slug` cannot be the last part of a page's address, if it cannot.
pub fn slug_problem(slug: &str) -> Option<String> {
    if slug.is_empty() {
        return Some("the slug is empty".to_string());
    }
    if slug.contains('/') {
        return Some(format!(
            "the slug '{}' has a '/': a slug is one part of the address",
            slug.escape_debug()
        ));
    }
    (url_segment(slug) != slug).then(|| {
        format!(
            "the slug '{}' may hold only lower-case letters, digits, '-', '_' and '.'",
            slug.escape_debug()
        )
    })
}

/// A relative path that stays inside the folder it is joined to: `/`
/// separated, no empty, `.` or `..` segment, no `\`, no control character.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.chars().any(|c| c == '\\' || c.is_control())
        && path
            .split('/')
            .all(|segment| !matches!(segment, "" | "." | ".."))
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
    fn translations_name_their_original() {
        let split = |path: &str| {
            ContentPath::new(path)
                .language_suffix()
                .map(|(original, code)| (original.as_str().to_string(), code.to_string()))
        };
        assert_eq!(split("about.cy.md"), Some(("about.md".into(), "cy".into())));
        assert_eq!(
            split("a/_index.pl.md"),
            Some(("a/_index.md".into(), "pl".into()))
        );
        assert_eq!(split("about.md"), None);
        assert_eq!(split(".cy.md"), None);
    }

    #[test]
    fn file_names_become_slugs() {
        let url = |path: &str| ContentPath::new(path).to_url(None).to_string();
        assert_eq!(url("Annual Report 2025.md"), "/annual-report-2025/");
        assert_eq!(url("news/Café Ünïcode/index.md"), "/news/cafe-unicode/");
        assert_eq!(
            url("reports/2024-25/finances.md"),
            "/reports/2024-25/finances/"
        );
        assert_eq!(url("a/v1.2_notes.md"), "/a/v1.2_notes/");
    }

    #[test]
    fn site_paths_that_cannot_be_output_files() {
        for fine in ["/", "/old/", "/old/icon.html", "/a-b/c_d/", "/caf\u{e9}/"] {
            assert_eq!(site_path_problem(fine), None, "{fine}");
        }
        for bad in [
            "old/",
            "/a b/",
            "/a\n/admin/* https://evil.example 301",
            "/a\tb",
            "/a?b",
            "/a#b",
            "/a/../../etc/",
            "/a//b/",
            "/./",
            "/a\\b",
            "/_redirects",
            "/404.html",
            "/pagefind/pagefind.js",
            "/.reportsite-manifest",
        ] {
            assert!(site_path_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn slugs_are_one_plain_part() {
        assert_eq!(slug_problem("annual-report"), None);
        for bad in ["../x", "a/b", "A", "a b", "", "..", "."] {
            assert!(slug_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn safe_relative_paths() {
        for safe in ["index.html", "a/b/index.html", ".well-known/x", "a..b"] {
            assert!(is_safe_relative(safe), "{safe}");
        }
        for unsafe_path in [
            "",
            "/etc/passwd",
            "../x",
            "a/../../x",
            "a//b",
            "a/./b",
            "a\\b",
            "a\nb",
            "a/",
        ] {
            assert!(!is_safe_relative(unsafe_path), "{unsafe_path:?}");
        }
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
