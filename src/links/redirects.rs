//! Old addresses: each page's `aliases` and the `[redirects]` table of
//! `site.toml` (old URL → page or URL), resolved to where they now lead.
//!
//! Invariant: every redirect leads straight to a page, a written file or an
//! outside URL; chains (a redirect to another old address) and loops are
//! errors, so a reader is never bounced twice.

use std::collections::BTreeMap;

use super::resolve::{Found, Resolver};
use crate::content::{PageId, Site, UrlPath};
use crate::diagnostics::{Code, Diagnostic, Span};

/// One old (or extra) address and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old site-root path, without the base path (`/old/icon.html`).
    pub from: String,
    /// The href it leads to (with the base path, or an outside URL).
    pub to: String,
    /// What a person is taken to, for the visible link.
    pub title: String,
    /// Why the address exists: `reportsite engagement` counts each apart.
    pub purpose: RedirectPurpose,
    /// The page it belongs to (`None` for a `[redirects]` entry).
    pub page: Option<PageId>,
}

/// Why a redirect page is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RedirectPurpose {
    /// A page's old address (`aliases`).
    Alias,
    /// `[redirects]` in site.toml.
    Configured,
    /// `/r/<name>/`, `/v/<name>/`: for sharing.
    ShortLink,
    /// `/r/<name>/qr/`: what a poster's QR code holds.
    QrCode,
    /// `<page>go/`: a resource's link to another website.
    Outbound,
    /// `<page>play/`: fetched when a reader presses play on a video.
    Play,
}

pub(super) fn resolve_redirects(
    site: &Site,
    resolver: &Resolver<'_>,
    found: &mut Found<'_>,
) -> Vec<Redirect> {
    let mut redirects = page_redirects(site);
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
                purpose: RedirectPurpose::Configured,
                page: None,
            });
        }
    }
    redirects.sort_by(|a, b| a.from.cmp(&b.from));
    redirects
}

/// The addresses each page has besides its own: its aliases, its short
/// address and QR code address, a resource's links out, a video's play.
fn page_redirects(site: &Site) -> Vec<Redirect> {
    let base_path = site.config.base_path();
    let mut redirects = Vec::new();
    for id in site.page_ids() {
        let page = site.page(id);
        let to_page = format!("{base_path}{}", page.url);
        let mut add = |from: String, to: String, purpose| {
            redirects.push(Redirect {
                from,
                to,
                title: page.title.clone(),
                purpose,
                page: Some(id),
            });
        };
        for alias in page
            .aliases
            .iter()
            .filter(|alias| alias.get_ref().starts_with('/'))
        {
            add(
                alias.get_ref().clone(),
                to_page.clone(),
                RedirectPurpose::Alias,
            );
        }
        if let Some(short) = site.short_url(id) {
            add(
                short.to_string(),
                to_page.clone(),
                RedirectPurpose::ShortLink,
            );
        }
        if let Some(qr) = site.qr_url(id) {
            add(qr.to_string(), to_page.clone(), RedirectPurpose::QrCode);
        }
        for link in site.outbound_links(id) {
            add(link.from.to_string(), link.to, RedirectPurpose::Outbound);
        }
        if let Some((play, watch)) = site.play_url(id) {
            add(play.to_string(), watch, RedirectPurpose::Play);
        }
    }
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
