//! The HTTP side of the external link check: each URL once, concurrently
//! with a bound per host, a timeout, a polite User-Agent, retries with
//! backoff, `Retry-After` on 429, and HEAD falling back to GET where a
//! server refuses HEAD.
//!
//! Invariant: redirects are followed by hand (at most `MAX_HOPS`), so a
//! permanent move is seen and reported, not silently followed.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Client, Method, StatusCode, header};
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::Outcome;
use crate::links::uses::VideoHost;

const MAX_HOPS: usize = 5;

pub const USER_AGENT: &str = concat!(
    "reportsite/",
    env!("CARGO_PKG_VERSION"),
    " (link checker of a safeguarding partnership website; checks each link at most once a day)"
);

/// How hard to try, and where to ask about videos.
#[derive(Debug, Clone)]
pub struct HttpSettings {
    pub timeout: Duration,
    /// Attempts after the first, for timeouts, 5xx and 429.
    pub retries: u32,
    pub first_backoff: Duration,
    /// The longest `Retry-After` honoured; longer waits count as broken.
    pub max_retry_after: Duration,
    pub per_host: usize,
    pub total: usize,
    pub videos: VideoEndpoints,
}

/// The oEmbed endpoints that say whether a YouTube or Vimeo video exists
/// and is public. The environment may point them elsewhere
/// (`REPORTSITE_YOUTUBE_OEMBED`, `REPORTSITE_VIMEO_OEMBED`): the tests use a
/// stand-in on 127.0.0.1, so they never reach the real providers.
#[derive(Debug, Clone)]
pub struct VideoEndpoints {
    pub youtube: String,
    pub vimeo: String,
}

impl VideoEndpoints {
    pub const YOUTUBE: &'static str = "https://www.youtube.com/oembed";
    pub const VIMEO: &'static str = "https://vimeo.com/api/oembed.json";

    /// The real endpoints, unless the environment names others.
    pub fn from_environment() -> Self {
        let named = |variable: &str, default: &str| {
            std::env::var(variable)
                .ok()
                .filter(|url| !url.trim().is_empty())
                .unwrap_or_else(|| default.to_string())
        };
        Self {
            youtube: named("REPORTSITE_YOUTUBE_OEMBED", Self::YOUTUBE),
            vimeo: named("REPORTSITE_VIMEO_OEMBED", Self::VIMEO),
        }
    }

    /// The address that asks the provider about the video at `watch_url`
    /// (the watch address encoded as the `url` parameter).
    pub fn question(&self, host: VideoHost, watch_url: &str) -> String {
        let (endpoint, params): (&str, &[(&str, &str)]) = match host {
            VideoHost::YouTube => (&self.youtube, &[("url", watch_url), ("format", "json")]),
            VideoHost::Vimeo => (&self.vimeo, &[("url", watch_url)]),
        };
        // A malformed endpoint is kept as written, so the request fails and
        // says why rather than asking somewhere else.
        reqwest::Url::parse_with_params(endpoint, params)
            .map_or_else(|_| endpoint.to_string(), String::from)
    }
}

impl Default for HttpSettings {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            retries: 2,
            first_backoff: Duration::from_millis(500),
            max_retry_after: Duration::from_secs(30),
            per_host: 2,
            total: 16,
            videos: VideoEndpoints::from_environment(),
        }
    }
}

/// Checks every URL; `on_done` is called as each finishes.
pub async fn check_urls(
    urls: Vec<String>,
    settings: HttpSettings,
    on_done: impl Fn(&str, &Outcome),
) -> Vec<(String, Outcome)> {
    let client = match Client::builder()
        .user_agent(USER_AGENT)
        .timeout(settings.timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            let outcome = Outcome::broken(format!("could not start the HTTP client: {error}"));
            return urls.into_iter().map(|url| (url, outcome.clone())).collect();
        }
    };
    let settings = Arc::new(settings);
    let total = Arc::new(Semaphore::new(settings.total));
    let mut hosts: HashMap<String, Arc<Semaphore>> = HashMap::new();
    let mut tasks = JoinSet::new();
    for url in urls {
        let host_limit = hosts
            .entry(host_of(&url))
            .or_insert_with(|| Arc::new(Semaphore::new(settings.per_host)))
            .clone();
        let (client, settings, total) = (client.clone(), settings.clone(), total.clone());
        tasks.spawn(async move {
            let _host = host_limit.acquire_owned().await;
            let _slot = total.acquire_owned().await;
            let outcome = check_url(&client, &url, &settings).await;
            (url, outcome)
        });
    }
    let mut results = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        if let Ok((url, outcome)) = joined {
            on_done(&url, &outcome);
            results.push((url, outcome));
        }
    }
    results
}

/// Follows temporary redirects; a permanent one is recorded, then followed
/// to make sure the new address works.
async fn check_url(client: &Client, url: &str, settings: &HttpSettings) -> Outcome {
    let mut current = url.to_string();
    let mut moved_to: Option<String> = None;
    for _ in 0..MAX_HOPS {
        let response = match fetch(client, &current, settings).await {
            Ok(response) => response,
            Err(reason) => return Outcome::broken(reason),
        };
        let status = response.status;
        if status.is_redirection() {
            let Some(next) = response
                .location
                .as_deref()
                .and_then(|location| join_url(&current, location))
            else {
                return Outcome::broken(format!("{status} without a Location header"));
            };
            let permanent = matches!(
                status,
                StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT
            );
            if permanent && moved_to.is_none() && current == url {
                moved_to = Some(next.clone());
            }
            current = next;
            continue;
        }
        if status.is_success() {
            return match moved_to {
                Some(to) => Outcome::Moved { to },
                None => Outcome::Ok,
            };
        }
        return Outcome::Broken {
            reason: describe_status(status),
            http_status: Some(status.as_u16()),
        };
    }
    Outcome::broken(format!("more than {MAX_HOPS} redirects"))
}

/// The parts of a response the checker uses.
struct Answer {
    status: StatusCode,
    location: Option<String>,
}

/// One URL, with retries: HEAD first, GET when HEAD is refused.
async fn fetch(client: &Client, url: &str, settings: &HttpSettings) -> Result<Answer, String> {
    let mut method = Method::HEAD;
    let mut attempt = 0;
    loop {
        let result = client.request(method.clone(), url).send().await;
        let retry_in = match &result {
            Ok(response) if response.status() == StatusCode::TOO_MANY_REQUESTS => {
                match retry_after(response, settings.max_retry_after) {
                    Some(wait) => Some(wait),
                    None => {
                        return Err("429 Too Many Requests, and asked to wait too long".to_string());
                    }
                }
            }
            Ok(response) if method == Method::HEAD && head_refused(response.status()) => {
                method = Method::GET;
                continue;
            }
            Ok(response) if response.status().is_server_error() => Some(backoff(settings, attempt)),
            Ok(response) => {
                return Ok(Answer {
                    status: response.status(),
                    location: response
                        .headers()
                        .get(header::LOCATION)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string),
                });
            }
            Err(_) => Some(backoff(settings, attempt)),
        };
        if attempt >= settings.retries {
            return match result {
                Ok(response) => Ok(Answer {
                    status: response.status(),
                    location: None,
                }),
                Err(error) => Err(describe_error(&error)),
            };
        }
        attempt += 1;
        if let Some(wait) = retry_in {
            tokio::time::sleep(wait).await;
        }
    }
}

/// Servers that do not implement HEAD answer it with these; GET tells the truth.
fn head_refused(status: StatusCode) -> bool {
    status.is_client_error() && status != StatusCode::TOO_MANY_REQUESTS
        || status == StatusCode::NOT_IMPLEMENTED
}

fn backoff(settings: &HttpSettings, attempt: u32) -> Duration {
    settings.first_backoff * 2u32.saturating_pow(attempt)
}

/// `Retry-After` as seconds or an HTTP date; `None` if longer than allowed.
fn retry_after(response: &reqwest::Response, longest: Duration) -> Option<Duration> {
    let value = response
        .headers()
        .get(header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => httpdate::parse_http_date(value)
            .ok()?
            .duration_since(std::time::SystemTime::now())
            .unwrap_or_default(),
    };
    (wait <= longest).then_some(wait)
}

fn describe_status(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

fn describe_error(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "no answer before the timeout".to_string()
    } else if error.is_connect() {
        let mut source: Option<&dyn std::error::Error> = Some(error);
        let mut detail = String::new();
        while let Some(inner) = source {
            detail = inner.to_string();
            source = inner.source();
        }
        format!("could not connect ({detail})")
    } else {
        error.to_string()
    }
}

fn host_of(url: &str) -> String {
    reqwest::Url::parse(url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_string))
        .unwrap_or_default()
}

fn join_url(base: &str, location: &str) -> Option<String> {
    reqwest::Url::parse(base)
        .ok()?
        .join(location)
        .ok()
        .map(String::from)
}
