//! Renders diagnostics rustc-style with annotate-snippets: code, message,
//! `--> file:line:col`, the source line, a caret under the span, `= help:`.
//!
//! Invariant: plain (uncoloured) output unless the caller asks for colour,
//! so snapshots and logs read the same as a terminal.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity};
use crate::source::SourceMap;

/// Renders every diagnostic, one block each, separated by blank lines.
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap, colour: bool) -> String {
    let mut output = String::new();
    for diagnostic in diagnostics {
        output.push_str(&render(diagnostic, sources, colour));
        output.push_str("\n\n");
    }
    output
}

/// Renders one diagnostic block (no trailing newline).
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, colour: bool) -> String {
    let renderer = if colour {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_title(
        level
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.code.as_str()),
    );
    if let Some(span) = &diagnostic.span {
        let file = sources.file(span.file);
        let range = file.clamp(span.range.clone());
        let mut annotation = AnnotationKind::Primary.span(range);
        if let Some(label) = &diagnostic.label {
            annotation = annotation.label(label.as_str());
        }
        group = group.element(
            Snippet::source(file.text.as_str())
                .path(file.path.as_str())
                .annotation(annotation),
        );
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}

/// The last line of a run: "built: 82 pages, 0 errors, 1 warning".
pub fn closing_line(pages: usize, diagnostics: &[Diagnostic], wrote: bool) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let verb = match (errors > 0, wrote) {
        (true, _) => "not built",
        (false, true) => "built",
        (false, false) => "checked",
    };
    format!(
        "{verb}: {}, {}, {}",
        count(pages, "page"),
        count(errors, "error"),
        count(warnings, "warning")
    )
}

/// "1 error", "2 errors".
pub(super) fn count(number: usize, noun: &str) -> String {
    if number == 1 {
        format!("1 {noun}")
    } else {
        format!("{number} {noun}s")
    }
}
