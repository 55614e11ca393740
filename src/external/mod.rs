//! `check --external`: every outside URL the site links to, checked once
//! (deduplicated across pages), with results cached under the site. Broken
//! links are errors and permanent moves warnings, at every file:line that
//! uses the URL. A YouTube or Vimeo video is asked about at its provider's
//! oEmbed endpoint (its watch page answers 200 for any id): a video that is
//! gone or private is an error at its `video_id`.
//!
//! Invariant: the only module that talks to the network, with its own small
//! tokio runtime; it runs after every other check and only on request.

mod cache;
mod http;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Code, Diagnostic, Span};
use crate::links::uses::{LinkKind, LinkUse, VideoHost};
use cache::LinkCache;
pub use http::{HttpSettings, USER_AGENT, VideoEndpoints};

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
        /// The status the server answered with, when that is what failed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        http_status: Option<u16>,
    },
}

impl Outcome {
    /// A failure with no HTTP status to go by (no answer, too many hops).
    pub fn broken(reason: impl Into<String>) -> Self {
        Outcome::Broken {
            reason: reason.into(),
            http_status: None,
        }
    }
}

/// What asking one address is for.
#[derive(Debug, Clone)]
enum Question {
    /// Does this link work?
    Link,
    /// Does the provider still have this video, publicly?
    Video { host: VideoHost, watch_url: String },
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

/// One URL answered, for a progress display: the checker itself never
/// prints (`command.rs` does).
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub finished: u64,
    pub total: u64,
    pub url: &'a str,
    /// "ok", "moved" or "broken".
    pub outcome: &'static str,
}

/// How many URLs were checked, and how many came from the cache.
#[derive(Debug, Default, Clone, Copy)]
pub struct ExternalSummary {
    pub urls: usize,
    pub from_cache: usize,
}

/// Checks every outside URL in `uses`; the diagnostics point at each use.
/// The second value is the cache file to write (by `output`); `progress`
/// hears of each URL as its answer comes.
pub fn check_external(
    uses: &[LinkUse],
    options: &ExternalOptions,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> (Vec<Diagnostic>, ExternalSummary, Vec<u8>) {
    let by_url = addresses_to_ask(uses, &options.http.videos);
    let mut cache = LinkCache::read(&options.cache_path);
    let ttl = options.cache_ttl.as_secs();
    let (cached, to_check): (Vec<&String>, Vec<&String>) = by_url
        .keys()
        .partition(|url| cache.fresh(url, options.now, ttl).is_some());
    let summary = ExternalSummary {
        urls: by_url.len(),
        from_cache: cached.len(),
    };
    let to_check = to_check.into_iter().cloned().collect();
    for (url, outcome) in run_checks(to_check, options, progress) {
        cache.record(url, outcome, options.now);
    }
    let mut diagnostics = Vec::new();
    for (url, (question, spans)) in &by_url {
        if let Some(outcome) = cache.fresh(url, options.now, ttl.max(1)) {
            diagnostics.extend(spans.iter().filter_map(|span| match question {
                Question::Link => diagnostic_for(url, outcome, span),
                Question::Video { host, watch_url } => {
                    video_diagnostic(*host, watch_url, outcome, span)
                }
            }));
        }
    }
    (diagnostics, summary, cache.to_json())
}

/// Each outside http(s) URL once, with every place it is used; for a
/// video, the oEmbed address that asks about it instead of its watch page.
/// The address asked is also the cache key.
fn addresses_to_ask(
    uses: &[LinkUse],
    videos: &VideoEndpoints,
) -> BTreeMap<String, (Question, Vec<Span>)> {
    let mut by_url: BTreeMap<String, (Question, Vec<Span>)> = BTreeMap::new();
    for link in uses.iter().filter(|link| link.kind == LinkKind::External) {
        let url = link.href.split('#').next().unwrap_or(&link.href);
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            continue;
        }
        let (asked, question) = match link.video {
            Some(host) => (
                videos.question(host, url),
                Question::Video {
                    host,
                    watch_url: url.to_string(),
                },
            ),
            None => (url.to_string(), Question::Link),
        };
        by_url
            .entry(asked)
            .or_insert_with(|| (question, Vec::new()))
            .1
            .push(link.span.clone());
    }
    by_url
}

/// Runs the HTTP checks on a small runtime, telling `progress` of each.
fn run_checks(
    urls: Vec<String>,
    options: &ExternalOptions,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Vec<(String, Outcome)> {
    if urls.is_empty() {
        return Vec::new();
    }
    let runtime = match crate::runtime::small_runtime() {
        Ok(runtime) => runtime,
        Err(error) => {
            let outcome = Outcome::broken(format!("could not start the checker: {error}"));
            return urls.into_iter().map(|url| (url, outcome.clone())).collect();
        }
    };
    let total = urls.len() as u64;
    let done = std::sync::atomic::AtomicU64::new(0);
    let report = |url: &str, outcome: &Outcome| {
        progress(Progress {
            finished: done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
            total,
            url,
            outcome: outcome_word(outcome),
        });
    };
    runtime.block_on(http::check_urls(urls, options.http.clone(), report))
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
        Outcome::Broken { reason, .. } => Some(
            Diagnostic::error(Code::ExternalLinkBroken, span.clone(), format!("'{url}' does not work: {reason}"))
                .with_help("open it in a browser; if the page has gone, link to its replacement or remove the link"),
        ),
    }
}

/// The oEmbed endpoints answer 404 for a video that is gone, and 401 or 403
/// for one that is private or may not be embedded (the site plays videos
/// embedded, so that is broken too). Any other failure (no answer, a server
/// error) says nothing about the video, so nothing is reported.
fn video_diagnostic(
    host: VideoHost,
    watch_url: &str,
    outcome: &Outcome,
    span: &Span,
) -> Option<Diagnostic> {
    let Outcome::Broken {
        reason,
        http_status: Some(401 | 403 | 404),
    } = outcome
    else {
        return None;
    };
    let provider = host.label();
    Some(
        Diagnostic::error(
            Code::VideoUnavailable,
            span.clone(),
            format!(
                "{provider} cannot show the video at '{watch_url}' ({reason}): it was removed, is private or may not be embedded"
            ),
        )
        .with_help(format!(
            "open the address in a browser; make the video public (or unlisted) and embeddable on {provider} again, or correct `video_id`"
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    fn endpoints() -> VideoEndpoints {
        VideoEndpoints {
            youtube: VideoEndpoints::YOUTUBE.to_string(),
            vimeo: VideoEndpoints::VIMEO.to_string(),
        }
    }

    #[test]
    fn a_video_is_asked_about_with_its_watch_address() {
        assert_eq!(
            endpoints().question(
                VideoHost::YouTube,
                "https://www.youtube.com/watch?v=abc_DEF-123"
            ),
            "https://www.youtube.com/oembed?url=https%3A%2F%2Fwww.youtube.com%2Fwatch%3Fv%3Dabc_DEF-123&format=json"
        );
        assert_eq!(
            endpoints().question(VideoHost::Vimeo, "https://vimeo.com/76979871"),
            "https://vimeo.com/api/oembed.json?url=https%3A%2F%2Fvimeo.com%2F76979871"
        );
    }

    #[test]
    fn only_gone_private_or_unembeddable_videos_are_reported() {
        let span = Span::file_start(SourceMap::new().add("v.md", String::new()));
        let answer = |status: Option<u16>| Outcome::Broken {
            reason: "it failed".to_string(),
            http_status: status,
        };
        let watch = "https://vimeo.com/1";
        for status in [401, 403, 404] {
            let found = video_diagnostic(VideoHost::Vimeo, watch, &answer(Some(status)), &span);
            assert_eq!(
                found.map(|d| d.code),
                Some(Code::VideoUnavailable),
                "{status}"
            );
        }
        for not_about_the_video in [
            answer(Some(500)),
            answer(Some(429)),
            answer(None),
            Outcome::Ok,
        ] {
            assert!(
                video_diagnostic(VideoHost::Vimeo, watch, &not_about_the_video, &span).is_none(),
                "{not_about_the_video:?}"
            );
        }
    }
}
