//! `RenderedFile`: one file of the built site, as the render phase makes
//! it and the check, search and output phases take it. It lives below all
//! of them so that writing (`output`) does not depend on rendering.
//!
//! Invariant: `path` is relative to the output folder, with `/`.

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct RenderedFile {
    /// Relative to the output folder, with `/`: `a/b/index.html`.
    pub path: String,
    pub bytes: std::sync::Arc<[u8]>,
}
