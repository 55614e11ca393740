//! Placeholders left to fill in: `reportsite init` and `reportsite new`
//! write `FILL IN` (in words) or `FILL-IN` (in addresses) where only the
//! partnership knows the answer, and every build reports each one left as
//! a `placeholder` warning at its place, so a site never goes live with
//! one (`--deny-warnings`).
//!
//! Invariant: reports only the two markers, in upper case, outside TOML
//! comments (an archetype's comments may mention them).

use super::{Code, Diagnostic, Span};
use crate::source::FileId;

const MARKERS: [&str; 2] = ["FILL IN", "FILL-IN"];

/// What the text is, for skipping comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Toml,
    Markdown,
}

/// A warning for each placeholder in `text`, which starts at byte
/// `offset` of `file`.
pub fn find_placeholders(
    file: FileId,
    text: &str,
    offset: usize,
    kind: TextKind,
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let is_comment = kind == TextKind::Toml && line.trim_start().starts_with('#');
        if !is_comment {
            for marker in MARKERS {
                for (at, _) in line.match_indices(marker) {
                    let start = offset + line_start + at;
                    found.push(placeholder(file, start..start + marker.len(), line.trim()));
                }
            }
        }
        line_start += line.len();
    }
    found.sort_by_key(|diagnostic| diagnostic.span.as_ref().map(|span| span.range.start));
    found
}

/// Whether a value stands in for one still to come: empty, `#`, a
/// `FILL IN` marker, or "TBC" and its kin.
pub fn is_placeholder_text(value: &str) -> bool {
    const STAND_INS: [&str; 6] = ["", "#", "tbc", "tba", "tbd", "to follow"];
    let value = value.trim();
    STAND_INS.contains(&value.to_lowercase().as_str())
        || MARKERS.iter().any(|marker| value.contains(marker))
}

fn placeholder(file: FileId, range: std::ops::Range<usize>, line: &str) -> Diagnostic {
    let shown: String = line.chars().take(100).collect();
    Diagnostic::warning(
        Code::Placeholder,
        Span::new(file, range),
        format!("a placeholder is still here: {shown}"),
    )
    .with_help("replace it with the real detail (reportsite wrote it for you to fill in)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_found_outside_toml_comments() {
        let file = crate::source::SourceMap::new().add("site.toml", String::new());
        let text = "# FILL IN is explained here\ntitle = \"FILL IN: the name\"\nurl = \"https://FILL-IN.invalid\"\n";
        let found = find_placeholders(file, text, 10, TextKind::Toml);
        let starts: Vec<usize> = found
            .iter()
            .filter_map(|d| d.span.as_ref().map(|s| s.range.start))
            .collect();
        let expected = [
            text.find("FILL IN: the").map(|at| at + 10),
            text.find("FILL-IN").map(|at| at + 10),
        ];
        assert_eq!(starts, expected.map(Option::unwrap_or_default));
        assert!(found[0].message.ends_with("title = \"FILL IN: the name\""));
        let markdown = find_placeholders(file, "# FILL IN\n", 0, TextKind::Markdown);
        assert_eq!(markdown.len(), 1, "a heading is not a comment");
        assert!(find_placeholders(file, "fill in the form", 0, TextKind::Markdown).is_empty());
    }
}
