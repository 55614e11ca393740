//! Old addresses: each page's `aliases` and the `[redirects]` table of
//! `site.toml` (old URL → page or URL), resolved to where they now lead.
//!
//! Invariant: every redirect leads straight to a page, a written file or an
//! outside URL; chains (a redirect to another old address) and loops are
//! errors, so a reader is never bounced twice.

use std::collections::BTreeMap;

use super::resolve::{Found, Resolver};
use crate::content::{Site, UrlPath};
use crate::diagnostics::{Code, Diagnostic, Span};

/// One old address and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old site-root path, without the base path (`/old/icon.html`).
    pub from: String,
    /// The href it leads to (with the base path, or an outside URL).
    pub to: String,
    /// What a person is taken to, for the visible link.
    pub title: String,
}

pub(super) fn resolve_redirects(
    site: &Site,
    resolver: &Resolver<'_>,
    found: &mut Found<'_>,
) -> Vec<Redirect> {
    let base_path = site.config.base_path();
    let mut redirects: Vec<Redirect> = site
        .pages
        .iter()
        .flat_map(|page| {
            page.aliases
                .iter()
                .filter(|alias| alias.get_ref().starts_with('/'))
                .map(|alias| Redirect {
                    from: alias.get_ref().clone(),
                    to: format!("{base_path}{}", page.url),
                    title: page.title.clone(),
                })
        })
        .collect();
    redirects.extend(site.page_ids().filter_map(|id| {
        let page = site.page(id);
        site.short_url(id).map(|short| Redirect {
            from: short.to_string(),
            to: format!("{base_path}{}", page.url),
            title: page.title.clone(),
        })
    }));
    // Every old address (by output file) and where it leads.
    let mut old: BTreeMap<String, Leads> = site
        .config
        .redirects
        .iter()
        .map(|(from, to)| {
            (
                UrlPath::new(from.get_ref().as_str()).output_file(),
                Leads::Elsewhere(to.get_ref().clone()),
            )
        })
        .collect();
    for alias in &redirects {
        old.insert(
            UrlPath::new(alias.from.as_str()).output_file(),
            Leads::Page(alias.to.clone()),
        );
    }
    for (from, to) in &site.config.redirects {
        if !from.get_ref().starts_with('/') {
            continue; // reported where old addresses are claimed
        }
        let span = Span::new(site.config.file, to.span());
        if let Some(problem) = chain_problem(from.get_ref(), to.get_ref(), &old) {
            found.diagnostics.push(problem.into_diagnostic(span));
            continue;
        }
        let before = found.diagnostics.len();
        let href = resolver.resolve_config_url(to, None, found);
        if found.diagnostics.len() == before {
            let title = resolver
                .title_of(to.get_ref())
                .unwrap_or_else(|| href.clone());
            redirects.push(Redirect {
                from: from.get_ref().clone(),
                to: href,
                title,
            });
        }
    }
    redirects.sort_by(|a, b| a.from.cmp(&b.from));
    redirects
}

/// Where an old address leads: straight to a page (an alias), or to what a
/// `[redirects]` value names (which may be another old address).
enum Leads {
    Page(String),
    Elsewhere(String),
}

struct ChainProblem {
    code: Code,
    message: String,
    help: String,
}

impl ChainProblem {
    fn into_diagnostic(self, span: Span) -> Diagnostic {
        Diagnostic::error(self.code, span, self.message).with_help(self.help)
    }
}

/// A redirect whose target is itself an old address: a chain, or a loop
/// if following it comes back to where it started.
fn chain_problem(from: &str, to: &str, old: &BTreeMap<String, Leads>) -> Option<ChainProblem> {
    let key = |url: &str| UrlPath::new(url).output_file();
    let mut path = vec![from.to_string()];
    let mut current = to.to_string();
    while current.starts_with('/') {
        let Some(leads) = old.get(&key(&current)) else {
            break;
        };
        path.push(current.clone());
        if key(&current) == key(from) || path.len() > old.len() + 1 {
            return Some(ChainProblem {
                code: Code::RedirectLoop,
                message: format!("these redirects go round in a loop: {}", path.join(" → ")),
                help: "point the redirect at the page that has the content now".to_string(),
            });
        }
        current = match leads {
            Leads::Page(url) => {
                path.push(url.clone());
                break;
            }
            Leads::Elsewhere(next) => next.clone(),
        };
    }
    (path.len() >= 2).then(|| ChainProblem {
        code: Code::RedirectChain,
        message: format!("'{to}' is itself an old address, so readers would be redirected twice"),
        help: format!(
            "point '{from}' straight at '{}'",
            path.last().map_or(to, String::as_str)
        ),
    })
}
