//! `--format json`: one JSON object per line per diagnostic, for tools.
//!
//! The wire shape, kept apart from `Diagnostic` so it stays stable:
//! `{"file": "content/a.md" | null, "line": 14, "column": 25, "end_line": 14,
//!   "end_column": 52, "code": "broken-link", "severity": "error",
//!   "message": "...", "help": "..." | null}`. Lines and columns are 1-based,
//! columns counted in characters; the end is exclusive.

use serde::Serialize;

use super::Diagnostic;
use crate::source::SourceMap;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    help: Option<&'a str>,
}

/// Renders each diagnostic as one JSON line.
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut output = String::new();
    for diagnostic in diagnostics {
        output.push_str(&render(diagnostic, sources));
        output.push('\n');
    }
    output
}

fn render(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let position = diagnostic.span.as_ref().map(|span| {
        let file = sources.file(span.file);
        let range = file.clamp(span.range.clone());
        (
            file.path.as_str(),
            file.line_col(range.start),
            file.line_col(range.end),
        )
    });
    let wire = JsonDiagnostic {
        file: position.map(|(path, _, _)| path),
        line: position.map(|(_, start, _)| start.line),
        column: position.map(|(_, start, _)| start.column),
        end_line: position.map(|(_, _, end)| end.line),
        end_column: position.map(|(_, _, end)| end.column),
        code: diagnostic.code.as_str(),
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.text(),
        help: diagnostic.help.as_deref(),
    };
    serde_json::to_string(&wire).unwrap_or_default()
}
