//! Renders diagnostics rustc-style with annotate-snippets: code, message,
//! `--> file:line:col`, the source line, a caret under the span, `= help:`.
//!
//! Invariant: plain (uncoloured) output unless the caller asks for colour,
//! so snapshots and logs read the same as a terminal.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use std::collections::{BTreeMap, HashMap};

use super::{Diagnostic, Severity};
use crate::source::{FileId, SourceMap};

/// Past this many diagnostics in one file, the rest are counted rather
/// than shown: nobody reads thousands, and each costs a pass over its line.
pub const SHOWN_PER_FILE: usize = 100;

/// Renders every diagnostic, one block each, separated by blank lines; a
/// file with more than `SHOWN_PER_FILE` gets a count of the rest, by code.
pub fn render_all(diagnostics: &[Diagnostic], sources: &SourceMap, colour: bool) -> String {
    let mut output = String::new();
    let mut shown: HashMap<Option<FileId>, usize> = HashMap::new();
    let mut hidden: BTreeMap<String, BTreeMap<&'static str, usize>> = BTreeMap::new();
    for diagnostic in diagnostics {
        let file = diagnostic.span.as_ref().map(|span| span.file);
        let count = shown.entry(file).or_default();
        if *count >= SHOWN_PER_FILE
            && let Some(file) = file
        {
            let path = sources.file(file).path.clone();
            *hidden
                .entry(path)
                .or_default()
                .entry(diagnostic.code.as_str())
                .or_default() += 1;
            continue;
        }
        *count += 1;
        output.push_str(&render(diagnostic, sources, colour));
        output.push_str("\n\n");
    }
    for (path, codes) in hidden {
        let total: usize = codes.values().sum();
        let by_code: Vec<String> = codes
            .iter()
            .map(|(code, n)| format!("{n} {code}"))
            .collect();
        output.push_str(&format!(
            "note: {total} more problems in {path} are not shown ({}); `--format json` lists every one\n\n",
            by_code.join(", ")
        ));
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
    let text = diagnostic.text();
    let mut group = Group::with_title(
        level
            .primary_title(text.as_ref())
            .id(diagnostic.code.as_str()),
    );
    if let Some(span) = &diagnostic.span {
        let file = sources.file(span.file);
        let range = file.clamp(span.range.clone());
        // Only the lines the span covers go to annotate-snippets: it
        // measures all the text it is given, for every diagnostic.
        let first_line = file.line_col(range.start).line;
        let start = file.line_start(first_line);
        let end = file.text[range.end..]
            .find('\n')
            .map_or(file.text.len(), |newline| range.end + newline);
        let mut annotation = AnnotationKind::Primary.span(range.start - start..range.end - start);
        if let Some(label) = &diagnostic.label {
            annotation = annotation.label(label.as_str());
        }
        group = group.element(
            Snippet::source(&file.text[start..end])
                .line_start(first_line)
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

/// One diagnostic on one line, for a place that shows a sentence rather
/// than a terminal (the browser editor's notice): "content/a.md:3:
/// error[date-quoted]: ... Help: ...".
pub fn one_line(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let place = diagnostic.span.as_ref().map(|span| {
        let file = sources.file(span.file);
        let start = file.line_col(file.clamp(span.range.clone()).start);
        format!("{}:{}: ", file.path, start.line)
    });
    let help = diagnostic
        .help
        .as_ref()
        .map(|help| format!(" Help: {help}"));
    format!(
        "{}{}[{}]: {}.{}",
        place.unwrap_or_default(),
        diagnostic.severity.as_str(),
        diagnostic.code.as_str(),
        diagnostic.text().trim_end_matches('.'),
        help.unwrap_or_default()
    )
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
