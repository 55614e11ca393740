//! Checks `[accessibility]`: a known compliance level, real dates, and a
//! statement reviewed within the last year (the regulations expect a
//! yearly review).
//!
//! Invariant: an out-of-date statement is a warning, never an error.

use crate::config::SiteConfig;
use crate::content::Date;
use crate::diagnostics::{Code, Diagnostic, Span};

pub fn check_statement(config: &SiteConfig, build_date: Date, diagnostics: &mut Vec<Diagnostic>) {
    let Some(statement) = &config.accessibility else {
        return;
    };
    let compliance = statement.compliance.get_ref();
    if !["full", "partial", "none"].contains(&compliance.as_str()) {
        diagnostics.push(
            Diagnostic::error(
                Code::InvalidValue,
                Span::new(config.file, statement.compliance.span()),
                format!("'{compliance}' is not a compliance level"),
            )
            .with_help("write compliance = \"full\", \"partial\" or \"none\" (with WCAG 2.2 AA)"),
        );
    }
    let span = Span::new(config.file, statement.reviewed.span());
    let Some(reviewed) = Date::from_toml(statement.reviewed.get_ref()) else {
        diagnostics.push(
            Diagnostic::error(Code::InvalidValue, span, "`reviewed` must be a date")
                .with_help("write the date without quotes, such as reviewed = 2026-11-23"),
        );
        return;
    };
    let a_year_on =
        Date::new(reviewed.year + 1, reviewed.month, reviewed.day.min(28)).unwrap_or(reviewed);
    if a_year_on < build_date {
        diagnostics.push(
            Diagnostic::warning(
                Code::StatementOutOfDate,
                span,
                format!("the accessibility statement was last reviewed on {}, more than a year ago", reviewed.long_form()),
            )
            .with_help("check the site again, update [accessibility] in site.toml, and set `reviewed` to today"),
        );
    }
}
