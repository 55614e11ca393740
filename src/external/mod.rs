//! `check --external`: every outside URL the site links to, checked once
//! (deduplicated across pages), with results cached under the site. Broken
//! links are errors and permanent moves warnings, at every file:line that
//! uses the URL.
//!
//! Invariant: the only module that talks to the network, with its own small
//! tokio runtime; it runs after every other check and only on request.

mod cache;
mod http;

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::links::uses::{LinkKind, LinkUse};
use cache::LinkCache;
pub use http::{HttpSettings, USER_AGENT};

/// What checking one URL found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Outcome {
    Ok,
    /// A permanent redirect (301/308) to a working page.
    Moved {
        to: String,
    },
    Broken {
        reason: String,
    },
}

#[derive(Debug, Clone)]
pub struct ExternalOptions {
    pub http: HttpSettings,
    pub cache_path: PathBuf,
    pub cache_ttl: Duration,
    /// Seconds since the Unix epoch: "now" for the cache.
    pub now: u64,
    /// Show progress on stderr (a bar on a terminal, lines otherwise).
    pub progress: bool,
}

/// How many URLs were checked, and how many came from the cache.
#[derive(Debug, Default, Clone, Copy)]
pub struct ExternalSummary {
    pub urls: usize,
    pub from_cache: usize,
}

/// Checks every outside URL in `uses`; the diagnostics point at each use.
/// The second value is the cache file to write (by `output`).
pub fn check_external(
    uses: &[LinkUse],
    options: &ExternalOptions,
) -> (Vec<Diagnostic>, ExternalSummary, Vec<u8>) {
    let by_url = outside_urls(uses);
    let mut cache = LinkCache::read(&options.cache_path);
    let ttl = options.cache_ttl.as_secs();
    let (cached, to_check): (Vec<&String>, Vec<&String>) = by_url
        .keys()
        .partition(|url| cache.fresh(url, options.now, ttl).is_some());
    let summary = ExternalSummary {
        urls: by_url.len(),
        from_cache: cached.len(),
    };
    for (url, outcome) in run_checks(to_check.into_iter().cloned().collect(), options) {
        cache.record(url, outcome, options.now);
    }
    let mut diagnostics = Vec::new();
    for (url, spans) in &by_url {
        if let Some(outcome) = cache.fresh(url, options.now, ttl.max(1)) {
            diagnostics.extend(
                spans
                    .iter()
                    .filter_map(|span| diagnostic_for(url, outcome, span)),
            );
        }
    }
    (diagnostics, summary, cache.to_json())
}

/// Each outside http(s) URL once, with every place it is used.
fn outside_urls(uses: &[LinkUse]) -> BTreeMap<String, Vec<Span>> {
    let mut by_url: BTreeMap<String, Vec<Span>> = BTreeMap::new();
    for link in uses.iter().filter(|link| link.kind == LinkKind::External) {
        let url = link
            .href
            .split('#')
            .next()
            .unwrap_or(&link.href)
            .to_string();
        if url.starts_with("http://") || url.starts_with("https://") {
            by_url.entry(url).or_default().push(link.span.clone());
        }
    }
    by_url
}

/// Runs the HTTP checks on a small runtime, with a progress bar on a
/// terminal and plain lines otherwise.
fn run_checks(urls: Vec<String>, options: &ExternalOptions) -> Vec<(String, Outcome)> {
    if urls.is_empty() {
        return Vec::new();
    }
    let runtime = match crate::runtime::small_runtime() {
        Ok(runtime) => runtime,
        Err(error) => {
            let outcome = Outcome::Broken {
                reason: format!("could not start the checker: {error}"),
            };
            return urls.into_iter().map(|url| (url, outcome.clone())).collect();
        }
    };
    let total = urls.len() as u64;
    let terminal = std::io::stderr().is_terminal();
    let bar = (options.progress && terminal).then(|| indicatif::ProgressBar::new(total));
    let done = std::sync::atomic::AtomicU64::new(0);
    let report = |url: &str, outcome: &Outcome| {
        let finished = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        match &bar {
            Some(bar) => bar.inc(1),
            None if options.progress => {
                eprintln!("[{finished}/{total}] {} {url}", outcome_word(outcome))
            }
            None => {}
        }
    };
    let results = runtime.block_on(http::check_urls(urls, options.http.clone(), report));
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    results
}

fn outcome_word(outcome: &Outcome) -> &'static str {
    match outcome {
        Outcome::Ok => "ok",
        Outcome::Moved { .. } => "moved",
        Outcome::Broken { .. } => "broken",
    }
}

fn diagnostic_for(url: &str, outcome: &Outcome, span: &Span) -> Option<Diagnostic> {
    match outcome {
        Outcome::Ok => None,
        Outcome::Moved { to } => Some(
            Diagnostic::warning(Code::ExternalLinkMoved, span.clone(), format!("'{url}' has moved permanently"))
                .with_help(format!("link to '{to}' instead")),
        ),
        Outcome::Broken { reason } => Some(
            Diagnostic::error(Code::ExternalLinkBroken, span.clone(), format!("'{url}' does not work: {reason}"))
                .with_help("open it in a browser; if the page has gone, link to its replacement or remove the link"),
        ),
    }
}
