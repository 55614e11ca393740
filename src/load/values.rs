//! Checks of single front-matter values (required keys, dates, reporting
//! years, vocabulary slugs, durations, video ids, language tags, web
//! addresses), each problem recorded at the value's span.
//!
//! Invariant: a check that fails records a diagnostic and returns `None`
//! (or nothing), so the caller carries on with the rest of the page.

use toml::Spanned;

use crate::config::{SiteConfig, VocabularyKind};
use crate::content::{Date, VideoLength};
use crate::diagnostics::{Code, Diagnostic, Span, suggest};
use crate::source::FileId;

/// Checks single values and records what is wrong with them.
pub(super) struct Checker<'a> {
    pub(super) file: FileId,
    pub(super) diagnostics: &'a mut Vec<Diagnostic>,
}

impl Checker<'_> {
    pub(super) fn span(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(self.file, range)
    }

    pub(super) fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn missing(&mut self, key: &str) {
        let diagnostic = Diagnostic::error(
            Code::MissingKey,
            Span::file_start(self.file),
            format!("the front matter has no `{key}`"),
        )
        .with_help(format!(
            "add `{key} = {}` between the `+++` lines",
            example_value(key)
        ));
        self.push(diagnostic);
    }

    pub(super) fn required<'v, T>(&mut self, value: &'v Option<T>, key: &str) -> Option<&'v T> {
        if value.is_none() {
            self.missing(key);
        }
        value.as_ref()
    }

    pub(super) fn required_date(
        &mut self,
        value: &Option<Spanned<toml::value::Datetime>>,
        key: &str,
    ) -> Option<Date> {
        let value = self.required(value, key)?;
        self.date(value)
    }

    pub(super) fn date(&mut self, value: &Spanned<toml::value::Datetime>) -> Option<Date> {
        let date = Date::from_toml(value.get_ref());
        if date.is_none() {
            let span = self.span(value.span());
            self.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    span,
                    format!("'{}' is not a date", value.get_ref()),
                )
                .with_help(
                    "write a date as a plain calendar date without quotes, such as 2025-10-01",
                ),
            );
        }
        date
    }

    /// `2024-25`: a four-digit year, a dash, then the next year's last two digits.
    pub(super) fn reporting_year(&mut self, year: &Spanned<String>) {
        if is_reporting_year(year.get_ref()) {
            return;
        }
        let span = self.span(year.span());
        self.push(
            Diagnostic::error(Code::InvalidValue, span, format!("'{}' is not a reporting year", year.get_ref()))
                .with_help("write a reporting year as the first year and the last two digits of the next, such as \"2024-25\""),
        );
    }

    pub(super) fn vocabulary(
        &mut self,
        config: &SiteConfig,
        kind: VocabularyKind,
        values: &[Spanned<String>],
    ) {
        let terms = config.vocabulary(kind);
        let (code, name, table) = match kind {
            VocabularyKind::Audience => (Code::UnknownAudience, "an audience", "[[audiences]]"),
            VocabularyKind::Topic => (Code::UnknownTopic, "a topic", "[[topics]]"),
            VocabularyKind::Format => (Code::UnknownFormat, "a format", "[[formats]]"),
        };
        for value in values {
            if terms.iter().any(|term| &term.slug == value.get_ref()) {
                continue;
            }
            let help =
                suggest::did_you_mean(value.get_ref(), terms.iter().map(|t| t.slug.as_str()))
                    .unwrap_or_else(|| {
                        format!(
                            "add it to {table} in site.toml, or use one of: {}",
                            terms
                                .iter()
                                .map(|t| t.slug.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    });
            let span = self.span(value.span());
            self.push(
                Diagnostic::error(
                    code,
                    span,
                    format!("'{}' is not {name} declared in site.toml", value.get_ref()),
                )
                .with_help(help),
            );
        }
    }

    pub(super) fn review_date(
        &mut self,
        review_by: Date,
        range: std::ops::Range<usize>,
        build_date: Date,
    ) {
        if review_by >= build_date {
            return;
        }
        let span = self.span(range);
        self.push(
            Diagnostic::warning(Code::ReviewOverdue, span, format!("this was due for review by {}", review_by.long_form()))
                .with_help("check the content is still right, then set `reviewed` to today and `review_by` to the next review date"),
        );
    }

    /// A `slug`: one plain part of an address. A bad one is reported and
    /// left out, so the page keeps the address its file name gives.
    pub(super) fn slug<'a>(&mut self, slug: &'a Spanned<String>) -> Option<&'a String> {
        let Some(problem) = crate::content::paths::slug_problem(slug.get_ref()) else {
            return Some(slug.get_ref());
        };
        let span = self.span(slug.span());
        let suggestion = crate::content::paths::url_segment(
            slug.get_ref().rsplit('/').next().unwrap_or_default(),
        )
        .into_owned();
        self.push(
            Diagnostic::error(Code::InvalidValue, span, problem).with_help(format!(
                "write the slug as lower-case words joined by '-', such as \"{}\"",
                if suggestion.is_empty() {
                    "annual-report"
                } else {
                    &suggestion
                }
            )),
        );
        None
    }

    pub(super) fn web_url(&mut self, url: &Spanned<String>) -> Option<String> {
        let value = url.get_ref();
        let Some(problem) = crate::web_address::web_address_problem(value) else {
            return Some(value.clone());
        };
        let span = self.span(url.span());
        self.push(
            Diagnostic::error(Code::InvalidValue, span, format!("'{}' {problem}", value.escape_debug()))
                .with_help("`url` is the full address of a page elsewhere, starting https://; for a file published here use `file`"),
        );
        None
    }

    pub(super) fn duration(&mut self, duration: &Spanned<String>) -> Option<VideoLength> {
        if let Some(length) = VideoLength::parse(duration.get_ref()) {
            return Some(length);
        }
        let span = self.span(duration.span());
        self.push(
            Diagnostic::error(
                Code::InvalidValue,
                span,
                format!("'{}' is not a duration", duration.get_ref()),
            )
            .with_help("write minutes and seconds as \"4:05\", or hours as \"1:02:30\""),
        );
        None
    }

    pub(super) fn video_id(&mut self, id: &Spanned<String>) -> Option<String> {
        let value = id.get_ref();
        let well_formed = !value.is_empty()
            && value.len() <= 64
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if well_formed {
            return Some(value.clone());
        }
        let span = self.span(id.span());
        self.push(
            Diagnostic::error(Code::InvalidValue, span, format!("'{value}' is not a video id"))
                .with_help("give the id only (the part after `v=` in a YouTube address), not the whole address"),
        );
        None
    }

    /// `cost = 1200`: whole pounds, none negative.
    pub(super) fn whole_pounds(&mut self, cost: &Spanned<i64>) -> Option<u32> {
        let pounds = u32::try_from(*cost.get_ref()).ok();
        if pounds.is_none() {
            let span = self.span(cost.span());
            self.push(
                Diagnostic::error(
                    Code::InvalidValue,
                    span,
                    format!("'{}' is not a cost in whole pounds", cost.get_ref()),
                )
                .with_help("write what it cost to make in whole pounds, with no sign or pence, such as cost = 1200"),
            );
        }
        pounds
    }

    pub(super) fn language(&mut self, language: &Spanned<String>) {
        let value = language.get_ref();
        if crate::language::is_language_tag(value) {
            return;
        }
        let span = self.span(language.span());
        self.push(
            Diagnostic::error(
                Code::InvalidValue,
                span,
                format!("'{value}' is not a language tag"),
            )
            .with_help("write a BCP 47 language tag such as \"en-GB\", \"pl\" or \"pa-Guru\""),
        );
    }
}

/// A value to show in "add the key" help, in the shape the key needs.
fn example_value(key: &str) -> &'static str {
    match key {
        "audiences" => "[\"parents-and-carers\"]",
        "topics" => "[\"online-safety\"]",
        "years" => "[\"2024-25\"]",
        "published" | "review_by" | "date" | "period_start" | "period_end" => "2025-10-01",
        "weight" => "1",
        "year" => "\"2024-25\"",
        "status" => "\"current\"",
        "provider" => "\"youtube\"",
        "duration" => "\"4:05\"",
        "captions" => "\"captions.vtt\"",
        "poster" => "\"poster.png\"",
        "format" => "\"leaflet\"",
        _ => "\"...\"",
    }
}

pub fn is_reporting_year(year: &str) -> bool {
    let Some((first, second)) = year.split_once('-') else {
        return false;
    };
    let digits = |s: &str, n: usize| s.len() == n && s.chars().all(|c| c.is_ascii_digit());
    if !digits(first, 4) || !digits(second, 2) {
        return false;
    }
    let (Ok(first), Ok(second)) = (first.parse::<u32>(), second.parse::<u32>()) else {
        return false;
    };
    (first + 1) % 100 == second
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_years() {
        assert!(is_reporting_year("2024-25"));
        assert!(is_reporting_year("1999-00"));
        assert!(!is_reporting_year("2024-26"));
        assert!(!is_reporting_year("2024/25"));
        assert!(!is_reporting_year("24-25"));
    }
}
