//! The saved engagement reports, `data/engagement/*.json` (written by
//! `reportsite engagement --save`), for the editors' page.
//!
//! Invariant: a file that is not a report is an error at its line, and is
//! left out; the reports come back ordered by the last day they cover.

use std::path::Path;

use super::read_source;
use crate::content::engagement::EngagementReport;
use crate::diagnostics::{Code, Diagnostic, Span};
use crate::source::SourceMap;

/// Where saved reports live, from the site's folder.
pub const FOLDER: &str = "data/engagement";

pub(super) fn load_engagement(
    root: &Path,
    sources: &mut SourceMap,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<EngagementReport> {
    let Ok(entries) = std::fs::read_dir(root.join(FOLDER)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    let mut reports: Vec<EngagementReport> = names
        .iter()
        .filter_map(|name| {
            let relative = format!("{FOLDER}/{name}");
            let file = read_source(&root.join(&relative), &relative, sources, diagnostics)?;
            let text = &sources.file(file).text;
            match serde_json::from_str::<EngagementReport>(text) {
                Ok(report) => Some(report),
                Err(error) => {
                    let source = sources.file(file);
                    let start = source.line_start(error.line().max(1)) + error.column().saturating_sub(1);
                    let at = source.clamp(start..start + 1);
                    diagnostics.push(
                        Diagnostic::error(
                            Code::InvalidValue,
                            Span::new(file, at),
                            format!("{relative} is not an engagement report: {error}"),
                        )
                        .with_help("make it again with `reportsite engagement --save LOG...`, or remove it"),
                    );
                    None
                }
            }
        })
        .collect();
    reports.sort_by(|a, b| (&a.period.end, &a.period.start).cmp(&(&b.period.end, &b.period.start)));
    reports
}
