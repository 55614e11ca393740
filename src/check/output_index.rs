//! What the build writes, indexed for the link check (`OutputIndex`):
//! every output path, the ids of every page, which page each HTML file
//! belongs to; and what one URL found in a written file means: a file we
//! write (and an id on it), another website, or a problem (`UrlProblem`).
//!
//! Invariant: reads only the index; a URL is judged the way a browser on
//! the published site would follow it (`output_path::resolve_relative`).

use std::collections::{HashMap, HashSet};

use super::scan::PageScan;
use crate::content::PageId;
use crate::diagnostics::{Code, Span, suggest};
use crate::links::shape::mail_or_phone_problem;
use crate::output_path::{OutputPath, has_scheme, resolve_relative, url_of};

/// What the build writes: every path, the ids of every page, and which
/// page each HTML file belongs to.
pub(super) struct OutputIndex<'a> {
    pub(super) written: &'a HashSet<String>,
    pub(super) scans: &'a HashMap<String, PageScan>,
    pub(super) pages: &'a HashMap<String, PageId>,
    pub(super) origin: &'a str,
    pub(super) base_path: &'a str,
    /// URLs an editor wrote as TOML values, with where each is written.
    pub(super) written_values: HashMap<&'a str, Vec<Span>>,
}

/// What is wrong with one URL.
#[derive(Clone)]
pub(super) struct UrlProblem {
    pub(super) code: Code,
    pub(super) message: String,
    pub(super) help: Option<String>,
}

impl OutputIndex<'_> {
    /// The output file a URL with a fragment points into, if it is ours.
    pub(super) fn fragment_target(&self, from: &str, url: &str) -> Option<String> {
        let site_path = self.internal_path(from, url).ok()??;
        let (path, _) = site_path.split_once('#')?;
        let path = path.split('?').next().unwrap_or_default();
        Some(if path.is_empty() {
            from.to_string()
        } else {
            output_file_of(&percent_decode(path))
        })
    }

    /// Checks a URL found in the file at `from` (an output path).
    pub(super) fn check_url(&self, from: &str, url: &str) -> Result<(), UrlProblem> {
        let Some(site_path) = self.internal_path(from, url)? else {
            return Ok(());
        };
        let (path, fragment) = match site_path.split_once('#') {
            Some((path, fragment)) => (path.to_string(), Some(fragment.to_string())),
            None => (site_path, None),
        };
        let path = path.split('?').next().unwrap_or_default();
        let file = if path.is_empty() {
            from.to_string()
        } else {
            output_file_of(&percent_decode(path))
        };
        if !self.written.contains(&file) {
            return Err(self.nothing_published(url, &file));
        }
        match fragment {
            Some(fragment) if file.ends_with(".html") => self.check_fragment(&file, &fragment, url),
            _ => Ok(()),
        }
    }

    /// The site-root path (without the base path) of an internal URL;
    /// `None` for outside URLs.
    fn internal_path(&self, from: &str, url: &str) -> Result<Option<String>, UrlProblem> {
        if url.is_empty() || url == "#" {
            return Err(problem(
                Code::PlaceholderLink,
                format!("a link points nowhere ('{url}')"),
                None,
            ));
        }
        if let Some(fragment) = url.strip_prefix('#') {
            return Ok(Some(format!("#{fragment}")));
        }
        let lower = url.to_ascii_lowercase();
        if lower.starts_with("javascript:") {
            return Err(problem(
                Code::BrokenLink,
                format!("'{url}' only works with JavaScript"),
                Some("link to a page or file instead".into()),
            ));
        }
        if let Some(message) = mail_or_phone_problem(url) {
            return Err(problem(
                Code::BrokenLink,
                message,
                Some("write mailto:name@example.org, or tel: followed by the number".into()),
            ));
        }
        let site_root = match url.strip_prefix(self.origin) {
            // The same host but outside the base path is another website.
            Some(rest) if !self.under_base_path(rest) => return Ok(None),
            Some(rest) if rest.starts_with('/') || rest.is_empty() => {
                format!("/{}", rest.trim_start_matches('/'))
            }
            _ if url.starts_with("//") || has_scheme(url) => return Ok(None),
            _ if url.starts_with('/') => url.to_string(),
            _ => resolve_relative(from, url),
        };
        if self.base_path.is_empty() {
            return Ok(Some(site_root));
        }
        match site_root.strip_prefix(self.base_path) {
            Some(rest) if rest.is_empty() || rest.starts_with(['/', '#', '?']) => {
                Ok(Some(rest.to_string()))
            }
            _ => Err(problem(
                Code::BrokenLink,
                format!(
                    "'{url}' is outside the site's base path '{}'",
                    self.base_path
                ),
                Some(format!("start site links with {}/", self.base_path)),
            )),
        }
    }

    /// A URL whose meaning does not depend on the page it is on.
    pub(super) fn is_site_root(&self, url: &str) -> bool {
        (url.starts_with('/') && !url.starts_with("//")) || url.starts_with(self.origin)
    }

    fn under_base_path(&self, path: &str) -> bool {
        path.strip_prefix(self.base_path)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '#', '?']))
    }

    fn check_fragment(&self, file: &str, fragment: &str, url: &str) -> Result<(), UrlProblem> {
        let target = if url.starts_with('#') {
            "the page itself".to_string()
        } else {
            url_of(file)
        };
        let fragment = percent_decode(fragment);
        let Some(scan) = self.scans.get(file) else {
            return Ok(());
        };
        if scan.ids.contains(&fragment) {
            return Ok(());
        }
        let help = suggest::did_you_mean(&fragment, scan.ids.iter().map(String::as_str))
            .map(|h| h.replacen('\'', "'#", 1));
        Err(problem(
            Code::MissingAnchor,
            format!("there is no id '#{fragment}' on {target}"),
            help,
        ))
    }

    fn nothing_published(&self, url: &str, file: &str) -> UrlProblem {
        let as_folder = format!(
            "{}/index.html",
            file.trim_end_matches("/index.html")
                .trim_end_matches(".html")
        );
        let help = if self.written.contains(as_folder.as_str()) {
            Some(format!("did you mean '{}'?", url_of(&as_folder)))
        } else {
            let urls: Vec<String> = self.written.iter().map(|path| url_of(path)).collect();
            suggest::did_you_mean(&url_of(file), urls.iter().map(String::as_str))
        };
        problem(
            Code::BrokenLink,
            format!("nothing is published at '{url}'"),
            help,
        )
    }
}

fn problem(code: Code, message: String, help: Option<String>) -> UrlProblem {
    UrlProblem {
        code,
        message,
        help,
    }
}

/// `/a/b/` → `a/b/index.html`, as text (the output index is keyed by it).
fn output_file_of(site_path: &str) -> String {
    OutputPath::of_site_path(site_path).into_string()
}

/// `%20` → space; invalid escapes are kept as written (the
/// `percent-encoding` crate, as every phase that decodes URLs uses).
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(percent_decode("caf%C3%A9%20x"), "café x");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
