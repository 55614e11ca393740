//! The machine-readable link report (`check --format json`, on stdout):
//! one JSON object per link with where it is written, where it goes, and
//! its status, so a partnership can attach it to a scrutiny report.
//!
//! Wire shape: `{"file": "content/a.md", "line": 4, "column": 21,
//! "target": "/advice/", "kind": "internal|external|email|phone",
//! "status": "ok" | "not-checked" | a diagnostic code}`. The status is the
//! code of the error or warning reported at that link, if any; outside
//! links are "not-checked" unless `--external` checked them.

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::links::uses::{LinkKind, LinkUse};
use crate::source::SourceMap;

#[derive(Serialize)]
struct LinkLine<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    target: &'a str,
    kind: &'static str,
    status: &'a str,
}

/// One line per link, in file order.
pub fn render_link_report(
    uses: &[LinkUse],
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    external_checked: bool,
) -> String {
    let mut output = String::new();
    for link in uses {
        let file = sources.file(link.span.file);
        let start = file.line_col(link.span.range.start);
        let reported = diagnostics.iter().find(|diagnostic| {
            diagnostic.span.as_ref().is_some_and(|span| {
                span.file == link.span.file
                    && span.range.start <= link.span.range.start
                    && link.span.range.end <= span.range.end.max(span.range.start + 1)
            })
        });
        let status = match (reported, link.kind) {
            (Some(diagnostic), _) => diagnostic.code.as_str(),
            (None, LinkKind::External) if !external_checked => "not-checked",
            (None, _) => "ok",
        };
        let line = LinkLine {
            file: &file.path,
            line: start.line,
            column: start.column,
            target: &link.href,
            kind: link.kind.as_str(),
            status,
        };
        output.push_str(&serde_json::to_string(&line).unwrap_or_default());
        output.push('\n');
    }
    output
}
