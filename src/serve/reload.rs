//! Live reload: a small script and the overlay's stylesheet, served by
//! `serve` under `/__reportsite/` and added to every HTML response, never
//! to the snapshot itself (which stays equal to a `build`).
//!
//! Invariant: the snapshot's bytes are never changed; only responses are.

use super::Snapshot;

pub const EVENTS_PATH: &str = "/__reportsite/events";
pub const SCRIPT_PATH: &str = "/__reportsite/reload.js";
pub const STYLE_PATH: &str = "/__reportsite/overlay.css";
pub const FILES_PATH: &str = "/__reportsite/files";
pub const SCRIPT: &str = include_str!("assets/reload.js");
pub const STYLE: &str = include_str!("assets/overlay.css");

/// The data of a `build` event: which server and build, and whether only
/// stylesheets changed.
pub fn build_event(snapshot: &Snapshot) -> String {
    format!(
        "{{\"server\":\"{}\",\"generation\":\"{}\",\"css_only\":{},\"quiet\":{}}}",
        snapshot.server, snapshot.generation, snapshot.css_only, snapshot.quiet
    )
}

/// The markup `serve` adds before `</body>`: the overlay (while there are
/// problems) and the reload script.
pub fn snippet(snapshot: &Snapshot) -> String {
    let overlay = if snapshot.overlay.is_empty() {
        String::new()
    } else {
        format!(
            "<link rel=\"stylesheet\" href=\"{STYLE_PATH}\">{}",
            snapshot.overlay
        )
    };
    format!(
        "{overlay}<script src=\"{SCRIPT_PATH}\" data-server=\"{}\" data-generation=\"{}\" defer></script>",
        snapshot.server, snapshot.generation
    )
}

/// `html` with the snippet before its last `</body>` (or at the end).
pub fn inject(html: &[u8], snapshot: &Snapshot) -> Vec<u8> {
    let snippet = snippet(snapshot);
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + snippet.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(snippet.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}
