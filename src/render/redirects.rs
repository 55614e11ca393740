//! Old addresses as files: a small HTML page for each alias and redirect
//! (meta refresh, a canonical link, and a visible link for people and
//! browsers that do not follow the refresh), and a `_redirects` file so
//! hosts that read it (Netlify, Cloudflare Pages) serve real 301s.
//!
//! Invariant: one file per old address; `_redirects` lists them sorted.

use serde::Serialize;

use super::RenderedFile;
use super::context::SiteContext;
use super::templates::Templates;
use crate::content::UrlPath;
use crate::diagnostics::Diagnostic;
use crate::links::redirects::{Redirect, RedirectPurpose};
use crate::source::SourceMap;

#[derive(Serialize)]
struct RedirectContext<'a> {
    to: &'a str,
    title: &'a str,
    /// Only for a page of this site: another site's address is not ours
    /// to name as canonical.
    canonical: Option<String>,
    /// The address leads to another website (a resource's link out, a
    /// video's play): the page says so instead of "this page has moved".
    leaving: bool,
}

/// The redirect pages and the `_redirects` file, or the template errors.
pub fn render_redirects(
    redirects: &[Redirect],
    site_context: &SiteContext,
    templates: &Templates,
    sources: &SourceMap,
) -> (Vec<RenderedFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    let origin = &site_context.origin;
    for redirect in redirects {
        let canonical = redirect
            .to
            .starts_with('/')
            .then(|| format!("{origin}{}", redirect.to));
        let leaving = matches!(
            redirect.purpose,
            RedirectPurpose::Outbound | RedirectPurpose::Play
        );
        let context = minijinja::context! {
            site => site_context,
            page => minijinja::context! { kind => "redirect" },
            redirect => RedirectContext { to: &redirect.to, title: &redirect.title, canonical, leaving },
        };
        let label = format!("the redirect from {}", redirect.from);
        match templates.render("redirect.html", context, &label, sources) {
            Ok(html) => files.push(RenderedFile {
                path: UrlPath::new(redirect.from.as_str()).output_file(),
                bytes: html.into_bytes().into(),
            }),
            Err(diagnostic) => failures.push(diagnostic),
        }
    }
    if !redirects.is_empty() {
        files.push(RenderedFile {
            path: "_redirects".to_string(),
            bytes: netlify_redirects(redirects, &site_context.base_path)
                .into_bytes()
                .into(),
        });
    }
    (files, failures)
}

/// `/old/icon.html /resources/icon/ 301`, one line each; a folder address
/// is listed with and without its trailing slash.
fn netlify_redirects(redirects: &[Redirect], base_path: &str) -> String {
    let mut lines =
        String::from("# Old addresses, written by reportsite from aliases and [redirects].\n");
    for redirect in redirects {
        let from = format!("{base_path}{}", redirect.from);
        lines.push_str(&format!("{from} {} 301\n", redirect.to));
        if let Some(without_slash) = from.strip_suffix('/').filter(|path| !path.is_empty()) {
            lines.push_str(&format!("{without_slash} {} 301\n", redirect.to));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redirects_file_lists_both_forms_of_a_folder() {
        let redirects = [Redirect {
            from: "/old/icon/".to_string(),
            to: "/sub/resources/icon/".to_string(),
            title: "ICON".to_string(),
            purpose: RedirectPurpose::Alias,
            page: None,
        }];
        let text = netlify_redirects(&redirects, "/sub");
        assert!(
            text.contains("/sub/old/icon/ /sub/resources/icon/ 301\n"),
            "{text}"
        );
        assert!(
            text.contains("/sub/old/icon /sub/resources/icon/ 301\n"),
            "{text}"
        );
    }
}
