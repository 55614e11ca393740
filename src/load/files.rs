//! Resolves a file path written in front matter (`file`, `captions`,
//! `poster`, `src`) to the asset the build will publish.
//!
//! Invariant: only files the walk accepted (inside the site) can be
//! resolved; a path that climbs out of the site is `path-outside-site` and
//! nothing is read from it.

use std::collections::{BTreeMap, BTreeSet};

use toml::Spanned;

use crate::content::{Asset, UrlPath, paths::join_relative};
use crate::diagnostics::{Code, Diagnostic, Span, suggest};
use crate::source::FileId;

/// The files a page may point at: every asset by output path, plus the
/// files the walk refused because they lead outside the site.
pub struct FileRefs<'a> {
    pub file: FileId,
    pub assets: &'a BTreeMap<String, Asset>,
    /// Content paths (relative to `content/`) of refused files.
    pub refused: &'a BTreeSet<String>,
}

impl FileRefs<'_> {
    /// `value` is relative to `folder` (a content folder), or starts with
    /// `/` for a file under `static/`.
    pub fn resolve(
        &self,
        value: &Spanned<String>,
        folder: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<UrlPath> {
        let written = value.get_ref();
        let span = Span::new(self.file, value.span());
        let joined = match written.strip_prefix('/') {
            Some(static_path) => join_relative("", static_path),
            // Join from the site root, so climbing out of content/ is seen.
            None => join_relative(&format!("content/{folder}"), written).map(|path| {
                path.strip_prefix("content/")
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("../{path}"))
            }),
        };
        let outside = Diagnostic::error(
            Code::PathOutsideSite,
            span.clone(),
            format!("'{written}' leads outside the site"),
        )
        .with_help("keep files beside the page, or under static/ and write them starting with `/`");
        let Some(path) = joined else {
            diagnostics.push(outside);
            return None;
        };
        if self.refused.contains(&path) || looks_absolute(written) {
            diagnostics.push(outside);
            return None;
        }
        if self.assets.contains_key(&path) {
            return Some(UrlPath::new(format!("/{path}")));
        }
        diagnostics.push(self.missing(written, &path, folder, span));
        None
    }

    fn missing(&self, written: &str, path: &str, folder: &str, span: Span) -> Diagnostic {
        let prefix = if folder.is_empty() {
            String::new()
        } else {
            format!("{folder}/")
        };
        let nearby = self
            .assets
            .keys()
            .filter_map(|key| key.strip_prefix(&prefix))
            .filter(|name| !name.contains('/'));
        let help = suggest::did_you_mean(written, nearby).unwrap_or_else(|| {
            if path.starts_with("../") {
                "files must be under content/ or static/".to_string()
            } else {
                format!("put the file at content/{path}, or write a path starting with `/` for a file under static/")
            }
        });
        Diagnostic::error(
            Code::MissingFile,
            span,
            format!("there is no file '{written}'"),
        )
        .with_help(help)
    }
}

fn looks_absolute(path: &str) -> bool {
    path.starts_with('~') || path.contains(":\\") || path.starts_with("\\\\") || path.contains('\\')
}
