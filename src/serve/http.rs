//! The HTTP side of `serve` (axum): files from the current snapshot in
//! memory, the site's 404 page, and the live-reload endpoints.
//!
//! Invariant: reads only the snapshot, never the disk; a path that could
//! leave the output (`..`, encoded or not, backslashes, NUL) is refused
//! with 400 before any lookup, and nothing is listed.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::watch;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::WatchStream;

use super::Snapshot;
use super::reload;

#[derive(Clone)]
pub struct ServerState {
    pub snapshots: watch::Receiver<Arc<Snapshot>>,
    /// The browser editor's backend, when site.toml has `[cms]`.
    pub cms: Option<Arc<CmsGate>>,
}

/// Who may use the browser editor's backend: pages of this server (by
/// their `Origin`) that carry this run's token, which only the admin page
/// served here is given.
pub struct CmsGate {
    pub root: std::path::PathBuf,
    /// The site's build options, for the check each saved page must pass.
    pub options: crate::pipeline::BuildOptions,
    pub origins: Vec<String>,
    pub token: String,
}

/// Where the editor's requests go.
pub const CMS_API_PATH: &str = "/api/v1";

pub fn router(state: ServerState) -> Router {
    Router::new()
        .route(
            CMS_API_PATH,
            axum::routing::post(cms_api).layer(axum::extract::DefaultBodyLimit::max(
                super::cms_backend::BODY_LIMIT,
            )),
        )
        .route(reload::EVENTS_PATH, get(events))
        .route(
            reload::SCRIPT_PATH,
            get(|| async { asset("text/javascript", reload::SCRIPT) }),
        )
        .route(
            reload::STYLE_PATH,
            get(|| async { asset("text/css", reload::STYLE) }),
        )
        .route(reload::FILES_PATH, get(list_files))
        .fallback(serve_file)
        .with_state(state)
}

/// One request of the browser editor: refused (403) unless it comes from a
/// page of this server with this run's token, then done off the async
/// threads (it reads and writes files).
async fn cms_api(
    State(state): State<ServerState>,
    headers: axum::http::HeaderMap,
    uri: Uri,
    body: axum::body::Bytes,
) -> Response {
    let Some(gate) = state.cms.clone() else {
        return response(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            Body::from("no browser editor: add [cms] to site.toml\n"),
        );
    };
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let token = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .unwrap_or_default();
    // Compared in full whatever differs first, so timing tells nothing.
    let same_token = token.len() == gate.token.len()
        && token
            .bytes()
            .zip(gate.token.bytes())
            .fold(0, |differ, (a, b)| differ | (a ^ b))
            == 0;
    let allowed = gate.origins.iter().any(|known| known == origin) && same_token;
    if !allowed {
        return json_response(
            StatusCode::FORBIDDEN,
            &serde_json::json!({"error": "only the editor at /admin/ on this computer may save"}),
        );
    }
    let handled = tokio::task::spawn_blocking(move || {
        super::cms_backend::handle(&gate.root, &body, &|saved| errors_in(&gate.options, saved))
    })
    .await;
    match handled {
        Ok(Ok(value)) => json_response(StatusCode::OK, &value),
        Ok(Err(error)) => json_response(
            StatusCode::from_u16(error.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            &error.body(),
        ),
        Err(_) => json_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &serde_json::json!({"error": "the request stopped unexpectedly"}),
        ),
    }
}

/// The errors `reportsite check` finds in the files just saved: a form must
/// not produce a page a file could not be.
fn errors_in(options: &crate::pipeline::BuildOptions, saved: &[String]) -> Vec<String> {
    let report = crate::pipeline::check(options);
    report
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .filter(|diagnostic| {
            diagnostic.span.as_ref().is_some_and(|span| {
                saved
                    .iter()
                    .any(|path| *path == report.sources.file(span.file).path)
            })
        })
        .map(|diagnostic| crate::diagnostics::human::one_line(diagnostic, &report.sources))
        .collect()
}

fn json_response(status: StatusCode, value: &serde_json::Value) -> Response {
    response(status, "application/json", Body::from(value.to_string()))
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    response(StatusCode::OK, content_type, Body::from(body))
}

/// Every path served, one per line (for tools and tests: the served site
/// can be compared with a `build`).
async fn list_files(State(state): State<ServerState>) -> Response {
    let snapshot = state.snapshots.borrow().clone();
    let mut paths: Vec<&str> = snapshot.files.keys().map(String::as_str).collect();
    paths.sort_unstable();
    let mut listing = paths.join("\n");
    listing.push('\n');
    response(
        StatusCode::OK,
        "text/plain; charset=utf-8",
        Body::from(listing),
    )
}

/// One server-sent event per finished build; the first tells a page which
/// build it is talking to.
async fn events(State(state): State<ServerState>) -> impl IntoResponse {
    let stream = WatchStream::new(state.snapshots.clone()).map(|snapshot| {
        Ok::<Event, std::convert::Infallible>(
            Event::default()
                .event("build")
                .data(reload::build_event(&snapshot)),
        )
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn serve_file(State(state): State<ServerState>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return response(
            StatusCode::METHOD_NOT_ALLOWED,
            "text/plain; charset=utf-8",
            Body::from("only GET and HEAD\n"),
        );
    }
    let Some(path) = output_path(uri.path()) else {
        return response(
            StatusCode::BAD_REQUEST,
            "text/plain; charset=utf-8",
            Body::from("that address is not allowed\n"),
        );
    };
    let snapshot = state.snapshots.borrow().clone();
    if let (true, Some(bytes)) = (path == "admin/index.html", snapshot.files.get(&path)) {
        return admin_page(state.cms.as_deref(), bytes);
    }
    if let Some(bytes) = snapshot.files.get(&path) {
        return file_response(&snapshot, StatusCode::OK, &path, bytes);
    }
    if !path.ends_with("index.html") && snapshot.files.contains_key(&format!("{path}/index.html")) {
        // A folder asked for without its slash: the slash keeps relative
        // links right.
        let location = match uri.query() {
            Some(query) => format!("{}/?{query}", uri.path()),
            None => format!("{}/", uri.path()),
        };
        return redirect(&location);
    }
    match snapshot.files.get("404.html") {
        Some(page) => file_response(&snapshot, StatusCode::NOT_FOUND, "404.html", page),
        None => {
            let page = format!(
                "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Not found</title></head><body><main><h1>Nothing is published at {}</h1></main></body></html>",
                crate::escape::html_anywhere(uri.path())
            );
            let page: Arc<[u8]> = Arc::from(page.into_bytes());
            file_response(&snapshot, StatusCode::NOT_FOUND, "404.html", &page)
        }
    }
}

/// `/a/b/` → `a/b/index.html`; `None` for anything that could climb out.
pub fn output_path(request_path: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(request_path).decode_utf8_lossy();
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part if part.contains(':') => return None,
            part => parts.push(part),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') || path.is_empty() {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Some(path)
}

/// The browser editor's page: given this run's token (only it learns it),
/// and not the live-reload script, which would reload the editor (and lose
/// its form and its notices) each time a save rebuilds the site.
fn admin_page(gate: Option<&CmsGate>, bytes: &[u8]) -> Response {
    let mut page = String::from_utf8_lossy(bytes).into_owned();
    if let Some(gate) = gate {
        let meta = format!(
            "<meta name=\"reportsite-cms-token\" content=\"{}\">\n</head>",
            gate.token
        );
        page = page.replacen("</head>", &meta, 1);
    }
    response(StatusCode::OK, "text/html; charset=utf-8", Body::from(page))
}

fn file_response(
    snapshot: &Snapshot,
    status: StatusCode,
    path: &str,
    bytes: &Arc<[u8]>,
) -> Response {
    let content_type = content_type(path);
    let body = if content_type.starts_with("text/html") {
        Body::from(reload::inject(bytes, snapshot))
    } else {
        Body::from(bytes.to_vec())
    };
    response(status, content_type, body)
}

fn response(status: StatusCode, content_type: &'static str, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Every request sees the latest build.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn redirect(location: &str) -> Response {
    let mut response = response(
        StatusCode::MOVED_PERMANENTLY,
        "text/plain; charset=utf-8",
        Body::from("moved\n"),
    );
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// The content types a site holds.
pub fn content_type(path: &str) -> &'static str {
    let extension = path
        .rsplit_once('.')
        .map_or("", |(_, ext)| ext)
        .to_ascii_lowercase();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "vtt" => "text/vtt; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_addresses_to_files_and_refuses_climbing_out() {
        assert_eq!(output_path("/").as_deref(), Some("index.html"));
        assert_eq!(output_path("/a/b/").as_deref(), Some("a/b/index.html"));
        assert_eq!(
            output_path("/css/site.css").as_deref(),
            Some("css/site.css")
        );
        assert_eq!(output_path("/a%20b.pdf").as_deref(), Some("a b.pdf"));
        assert_eq!(output_path("//etc/passwd").as_deref(), Some("etc/passwd"));
        for refused in [
            "/../secret",
            "/a/../../b",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a%5c..%5cb",
            "/C:/x",
            "/a%00",
        ] {
            assert_eq!(output_path(refused), None, "{refused}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.WEBP"), "image/webp");
        assert_eq!(content_type("_redirects"), "application/octet-stream");
    }
}
